/**
 * Every message catalog, per language: the base file plus one file per feature (messages/<feature>/<locale>.json),
 * so features can be translated without touching one shared file. Each feature file owns its top-level keys.
 */
import deBase from "@/messages/de.json";
import enBase from "@/messages/en.json";
import plBase from "@/messages/pl.json";
import deDashboard from "@/messages/dashboard/de.json";
import enDashboard from "@/messages/dashboard/en.json";
import plDashboard from "@/messages/dashboard/pl.json";
import deImports from "@/messages/imports/de.json";
import enImports from "@/messages/imports/en.json";
import plImports from "@/messages/imports/pl.json";
import deSegments from "@/messages/segments/de.json";
import enSegments from "@/messages/segments/en.json";
import plSegments from "@/messages/segments/pl.json";
import deDuplicates from "@/messages/duplicates/de.json";
import enDuplicates from "@/messages/duplicates/en.json";
import plDuplicates from "@/messages/duplicates/pl.json";
import deWorkflows from "@/messages/workflows/de.json";
import enWorkflows from "@/messages/workflows/en.json";
import plWorkflows from "@/messages/workflows/pl.json";
import deWorkflowRuns from "@/messages/workflow-runs/de.json";
import enWorkflowRuns from "@/messages/workflow-runs/en.json";
import plWorkflowRuns from "@/messages/workflow-runs/pl.json";
import type { Locale } from "./locales";

export type MessageTree = { [key: string]: string | MessageTree };

function merge(...trees: MessageTree[]): MessageTree {
  const merged: MessageTree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in merged) throw new Error(`The message key "${key}" is defined by two catalogs.`);
      merged[key] = value;
    }
  }
  return merged;
}

export const CATALOGS: Record<Locale, MessageTree> = {
  en: merge(enBase, enDashboard, enSegments, enDuplicates, enImports, enWorkflows, enWorkflowRuns),
  de: merge(deBase, deDashboard, deSegments, deDuplicates, deImports, deWorkflows, deWorkflowRuns),
  pl: merge(plBase, plDashboard, plSegments, plDuplicates, plImports, plWorkflows, plWorkflowRuns),
};
