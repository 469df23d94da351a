/**
 * The step editor's form state and its conversions: each step as typed (numbers stay text until they are sent,
 * so "abc" reaches the server's schema and comes back with its own message) to the JSON the server action
 * validates with WorkflowStepsSchema, and stored steps back to drafts. A webhook step's signing secret is
 * never part of a draft that came from the server: the draft only knows whether one is set (its id).
 */
import type { StepType, WorkflowStep } from "@/lib/domain/workflows/steps";
import { WAIT_UNITS } from "@/lib/domain/workflows/steps";
import { ROLE_NAMES } from "@/lib/domain/workflows/roles";

export const ASSIGNEES = ["owner", ...ROLE_NAMES] as const;
export type Assignee = (typeof ASSIGNEES)[number];
export type WaitUnit = (typeof WAIT_UNITS)[number];

export type StepDraft =
  | { id: string; type: "wait"; amount: string; unit: WaitUnit }
  | { id: string; type: "email"; subject: string; body: string }
  | { id: string; type: "task"; title: string; assignTo: Assignee; dueInDays: string }
  | { id: string; type: "tag"; action: "add" | "remove"; tag: string }
  | { id: string; type: "discountTier"; mode: "set" | "clear"; tier: string }
  | {
      id: string;
      type: "webhook";
      url: string;
      /** The stored secret's id (never the secret); kept unless a new secret is typed. */
      secretId: string | null;
      /** A new secret typed or generated in this browser; empty keeps the stored one. */
      newSecret: string;
      timeoutSeconds: number;
    };

export function newStep(type: StepType, id: string): StepDraft {
  switch (type) {
    case "wait":
      return { id, type, amount: "1", unit: "days" };
    case "email":
      return { id, type, subject: "", body: "" };
    case "task":
      return { id, type, title: "", assignTo: "owner", dueInDays: "1" };
    case "tag":
      return { id, type, action: "add", tag: "" };
    case "discountTier":
      return { id, type, mode: "set", tier: "" };
    case "webhook":
      return { id, type, url: "", secretId: null, newSecret: "", timeoutSeconds: 10 };
  }
}

/** Stored steps as drafts (ids "s1", "s2", …). */
export function stepsToDrafts(steps: readonly WorkflowStep[]): StepDraft[] {
  return steps.map((step, index): StepDraft => {
    const id = `s${index + 1}`;
    switch (step.type) {
      case "wait":
        return { id, type: "wait", amount: String(step.amount), unit: step.unit };
      case "email":
        return { id, type: "email", subject: step.subject, body: step.body };
      case "task":
        return { id, type: "task", title: step.title, assignTo: step.assignTo, dueInDays: String(step.dueInDays) };
      case "tag":
        return { id, type: "tag", action: step.action, tag: step.tag };
      case "discountTier":
        return { id, type: "discountTier", mode: step.tier === null ? "clear" : "set", tier: step.tier ?? "" };
      case "webhook":
        return { id, type: "webhook", url: step.url, secretId: step.secretId ?? null, newSecret: "", timeoutSeconds: step.timeoutSeconds };
    }
  });
}

/** A whole number as typed, or the text itself (the schema refuses it with the step's own message). */
function wholeNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The steps as sent: step objects as WorkflowStepsSchema reads them, plus `secret` on a webhook step with a
 * new secret (the server takes it out before validating and stores it apart from the steps).
 */
export function draftsToJson(drafts: readonly StepDraft[]): unknown[] {
  return drafts.map((draft) => {
    switch (draft.type) {
      case "wait":
        return { type: "wait", amount: wholeNumber(draft.amount), unit: draft.unit };
      case "email":
        return { type: "email", subject: draft.subject, body: draft.body };
      case "task":
        return { type: "task", title: draft.title, assignTo: draft.assignTo, dueInDays: wholeNumber(draft.dueInDays) };
      case "tag":
        return { type: "tag", action: draft.action, tag: draft.tag };
      case "discountTier":
        return { type: "discountTier", tier: draft.mode === "clear" ? null : draft.tier };
      case "webhook": {
        const step: Record<string, unknown> = { type: "webhook", url: draft.url.trim(), timeoutSeconds: draft.timeoutSeconds };
        if (draft.newSecret) step.secret = draft.newSecret;
        else if (draft.secretId) step.secretId = draft.secretId;
        return step;
      }
    }
  });
}

export function moveStep<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const result = [...items];
  [result[index], result[target]] = [result[target]!, result[index]!];
  return result;
}

export type StepErrors = {
  /** Errors about the list as a whole (no steps, too many). */
  list: string[];
  /** Per step id: errors by field ("subject"), and "" for the step as a whole. */
  steps: Record<string, Record<string, string[]>>;
};

/** Field errors keyed "steps.2.subject" (by position in the steps that were sent), by step id and field. */
export function errorsByStep(sent: readonly StepDraft[], fieldErrors: Record<string, string[]>): StepErrors {
  const result: StepErrors = { list: [], steps: {} };
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head, index, field = ""] = key.split(".");
    if (head !== "steps") continue;
    const step = index === undefined ? undefined : sent[Number(index)];
    if (!step) {
      for (const message of messages) if (!result.list.includes(message)) result.list.push(message);
      continue;
    }
    // A discount tier step that clears the tier has no tier field to hang the error on; a webhook's secretId is the secret field.
    const name = field === "secretId" ? "secret" : field;
    const list = ((result.steps[step.id] ??= {})[name] ??= []);
    for (const message of messages) if (!list.includes(message)) list.push(message);
  }
  return result;
}

/** A new signing secret: 32 random bytes in the Standard Webhooks form ("whsec_" + base64). */
export function generateSecret(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `whsec_${btoa(binary)}`;
}
