"use client";

/**
 * "412 customers match · 37 would enter · 5 would leave", for the rule as it stands, before it is saved. The rule
 * is checked here first (the same schema as the server), so an incomplete rule says what is missing at once; a
 * complete one is counted by the server 400 ms after the last change.
 */
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { entryPosition, errorsByEntry, parseRuleText, type RuleDraft } from "@/lib/domain/segments/rule-form";
import type { PreviewRule, RulePreview as PreviewAnswer } from "./preview-state";

export const PREVIEW_DELAY_MS = 400;

type Props = {
  segmentId: string | null;
  draft: RuleDraft;
  /** The draft as rule JSON (what would be saved). */
  ruleJson: string;
  preview: PreviewRule;
  message: (key: string) => string;
};

export function RulePreview({ segmentId, draft, ruleJson, preview, message }: Props) {
  const t = useTranslations("segments.preview");
  const tAll = useTranslations();
  const local = useMemo(() => parseRuleText(ruleJson), [ruleJson]);
  // The answer and the rule it is for: an answer for an older rule is never shown as current.
  const [answer, setAnswer] = useState<{ ruleJson: string; result: PreviewAnswer | null } | null>(null);
  const isValid = local.success;

  useEffect(() => {
    if (!isValid) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      preview(segmentId, ruleJson).then(
        (result) => isCurrent && setAnswer({ ruleJson, result }),
        () => isCurrent && setAnswer({ ruleJson, result: null }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [isValid, preview, ruleJson, segmentId]);

  const invalidText = (fieldErrors: Record<string, string[]>) => {
    const [key, messages] = Object.entries(fieldErrors)[0] ?? ["rule", ["ruleInvalid"]];
    const problem = message(messages[0] ?? "ruleInvalid");
    const id = Object.keys(errorsByEntry(draft, { [key]: messages }).entries)[0];
    const position = id ? entryPosition(draft, id) : null;
    return position ? t("invalidAt", { position, problem }) : t("invalid", { problem });
  };

  let text: string;
  let tone: "ok" | "busy" | "problem" = "problem";
  if (!local.success) text = invalidText(local.fieldErrors);
  else if (answer?.ruleJson !== ruleJson) {
    text = t("loading");
    tone = "busy";
  } else if (!answer.result) text = t("failed");
  else if (answer.result.status === "invalid") text = invalidText(answer.result.fieldErrors);
  else if (answer.result.status === "error") text = tAll(answer.result.message);
  else {
    text = t("result", { members: answer.result.members, entering: answer.result.entering, leaving: answer.result.leaving });
    tone = "ok";
  }

  const tones = { ok: "bg-brand-50 text-brand-800 ring-brand-100", busy: "bg-slate-50 text-slate-600 ring-slate-200", problem: "bg-amber-50 text-amber-900 ring-amber-200" };
  return (
    <section aria-labelledby="seg-preview-title" className={`rounded-md px-3 py-2 ring-1 ring-inset ${tones[tone]}`}>
      <h2 id="seg-preview-title" className="text-xs font-semibold tracking-wide uppercase opacity-80">
        {t("title")}
      </h2>
      <p role="status" aria-busy={tone === "busy"} className="mt-0.5 text-sm font-medium tabular-nums">
        {tone === "busy" ? <span aria-hidden className="mr-1.5 inline-block size-2 animate-pulse rounded-full bg-slate-400" /> : null}
        {text}
      </p>
    </section>
  );
}
