"use client";

/**
 * The rule builder: all/any over conditions and one level of groups (a group holds conditions only, as the rule
 * language allows). Controlled: the owner keeps the draft and turns it into a rule (lib/domain/segments/rule-form.ts).
 */
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import {
  newCondition,
  newGroup,
  nextDraftId,
  type ConditionDraft,
  type DraftErrors,
  type GroupDraft,
  type RuleDraft,
  type RuleMatch,
} from "@/lib/domain/segments/rule-form";
import { MAX_RULE_CONDITIONS, RULE_MATCHES } from "@/lib/domain/segments/segment-rule";
import { ConditionRow } from "./condition-row";

const SELECT =
  "rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500";

type Props = {
  draft: RuleDraft;
  errors: DraftErrors;
  currency: string;
  onChange: (draft: RuleDraft) => void;
  /** Translates a validation key under segments.validation. */
  message: (key: string) => string;
};

export function RuleBuilder({ draft, errors, currency, onChange, message }: Props) {
  const t = useTranslations("segments.form");
  const entries = draft.conditions;
  const isFull = entries.length >= MAX_RULE_CONDITIONS;
  const replace = (index: number, entry: ConditionDraft | GroupDraft) => onChange({ ...draft, conditions: entries.map((current, i) => (i === index ? entry : current)) });
  const remove = (index: number) => onChange({ ...draft, conditions: entries.filter((_, i) => i !== index) });
  const addCondition = () => onChange({ ...draft, conditions: [...entries, newCondition(nextDraftId(draft))] });
  const addGroup = () => {
    const id = nextDraftId(draft);
    onChange({ ...draft, conditions: [...entries, newGroup(id, `e${Number(id.slice(1)) + 1}`)] });
  };
  const onlyOneLeft = entries.length <= 1;

  return (
    <fieldset className="space-y-3" aria-describedby={errors.rule.length ? "seg-rule-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">{t("conditions")}</legend>
      <MatchSelect id="seg-match" label={t("match")} value={draft.match} onChange={(match) => onChange({ ...draft, match })} />
      <ol className="space-y-2">
        {entries.map((entry, index) => (
          <li key={entry.id}>
            {entry.kind === "group" ? (
              <GroupBox
                group={entry}
                position={String(index + 1)}
                draft={draft}
                errors={errors}
                currency={currency}
                canRemove={!onlyOneLeft}
                onChange={(group) => replace(index, group)}
                onRemove={() => remove(index)}
                message={message}
              />
            ) : (
              <ConditionRow
                condition={entry}
                position={String(index + 1)}
                errors={errors.entries[entry.id]}
                currency={currency}
                canRemove={!onlyOneLeft}
                onChange={(condition) => replace(index, condition)}
                onRemove={() => remove(index)}
                message={message}
              />
            )}
          </li>
        ))}
      </ol>
      <div id="seg-rule-error" aria-live="polite" aria-atomic="true">
        {errors.rule.map((key) => (
          <p key={key} className="text-sm text-red-600">
            {message(key)}
          </p>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={addCondition} disabled={isFull}>
          {t("addCondition")}
        </Button>
        <Button variant="secondary" onClick={addGroup} disabled={isFull}>
          {t("addGroup")}
        </Button>
        {isFull ? <span className="text-xs text-slate-500">{t("limitReached", { max: MAX_RULE_CONDITIONS })}</span> : null}
      </div>
    </fieldset>
  );
}

function MatchSelect({ id, label, value, onChange }: { id: string; label: string; value: RuleMatch; onChange: (match: RuleMatch) => void }) {
  const t = useTranslations("segments.form");
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className={SELECT} value={value} onChange={(event) => onChange(event.target.value as RuleMatch)}>
        {RULE_MATCHES.map((match) => (
          <option key={match} value={match}>
            {match === "all" ? t("matchAll") : t("matchAny")}
          </option>
        ))}
      </select>
    </div>
  );
}

type GroupProps = {
  group: GroupDraft;
  position: string;
  draft: RuleDraft;
  errors: DraftErrors;
  currency: string;
  canRemove: boolean;
  onChange: (group: GroupDraft) => void;
  onRemove: () => void;
  message: (key: string) => string;
};

function GroupBox({ group, position, draft, errors, currency, canRemove, onChange, onRemove, message }: GroupProps) {
  const t = useTranslations("segments.form");
  const ownErrors = errors.entries[group.id];
  const errorId = `seg-${group.id}-error`;
  const conditions = group.conditions;
  const replace = (index: number, condition: ConditionDraft) => onChange({ ...group, conditions: conditions.map((current, i) => (i === index ? condition : current)) });
  return (
    <fieldset className="space-y-2 rounded-md border-l-4 border-brand-600 bg-white p-3 ring-1 ring-slate-200 ring-inset" {...(ownErrors ? { "aria-describedby": errorId } : {})}>
      <legend className="sr-only">{t("group", { position })}</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-hidden className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t("group", { position })}
        </p>
        <Button variant="ghost" disabled={!canRemove} onClick={onRemove}>
          {t("removeGroup", { position })}
        </Button>
      </div>
      <MatchSelect id={`seg-${group.id}-match`} label={t("groupMatch", { position })} value={group.match} onChange={(match) => onChange({ ...group, match })} />
      <ol className="space-y-2">
        {conditions.map((condition, index) => (
          <li key={condition.id}>
            <ConditionRow
              condition={condition}
              position={`${position}.${index + 1}`}
              errors={errors.entries[condition.id]}
              currency={currency}
              canRemove={conditions.length > 1}
              onChange={(changed) => replace(index, changed)}
              onRemove={() => onChange({ ...group, conditions: conditions.filter((_, i) => i !== index) })}
              message={message}
            />
          </li>
        ))}
      </ol>
      <div id={errorId} aria-live="polite" aria-atomic="true">
        {ownErrors?.messages.map((key) => (
          <p key={key} className="text-sm text-red-600">
            {message(key)}
          </p>
        ))}
      </div>
      <Button
        variant="secondary"
        disabled={conditions.length >= MAX_RULE_CONDITIONS}
        onClick={() => onChange({ ...group, conditions: [...conditions, newCondition(nextDraftId(draft))] })}
      >
        {t("addToGroup", { position })}
      </Button>
    </fieldset>
  );
}
