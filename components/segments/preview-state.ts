/** What the live preview of a segment rule answers (a server action; see app/(app)/segments/actions.ts). */
export type RulePreview =
  | { status: "ok"; members: number; entering: number; leaving: number }
  /** Field errors keyed like a submitted rule's ("rule.conditions.0.value"), message keys under `segments.validation.`. */
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  /** An i18n key (errors.forbidden, errors.unauthenticated). */
  | { status: "error"; message: string };

export type PreviewRule = (segmentId: string | null, ruleJson: string) => Promise<RulePreview>;
