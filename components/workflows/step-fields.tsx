"use client";

/**
 * One step of the editor: a fieldset "Step N: <type>" with the step's own fields, its errors next to them, and
 * the buttons to move or remove it. A webhook's signing secret is a password field that starts empty; when the
 * stored step has one, the field says so and an empty field keeps it.
 */
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldFrame, Select, TextArea, TextInput } from "@/components/ui/field";
import { WAIT_UNITS } from "@/lib/domain/workflows/steps";
import { TEMPLATE_VARIABLES, unknownVariables } from "@/lib/domain/workflows/template";
import { ASSIGNEES, generateSecret, type Assignee, type StepDraft, type WaitUnit } from "./step-drafts";

type Props = {
  step: StepDraft;
  index: number;
  count: number;
  /** Errors by field; "" holds the step's own. Already translated. */
  errors: Record<string, string[]>;
  onChange: (step: StepDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

const SHOWN_FIELDS: Record<StepDraft["type"], string[]> = {
  wait: ["amount", "unit"],
  email: ["subject", "body"],
  task: ["title", "assignTo", "dueInDays"],
  tag: ["action", "tag"],
  discountTier: ["tier"],
  webhook: ["url", "secret"],
};

export function StepFields({ step, index, count, errors, onChange, onMove, onRemove }: Props) {
  const t = useTranslations("workflows");
  const base = `step-${useId().replace(/[^\w-]/g, "")}`;
  const number = index + 1;
  const own = Object.entries(errors)
    .filter(([field]) => !SHOWN_FIELDS[step.type].includes(field))
    .flatMap(([, messages]) => messages);

  return (
    <fieldset className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" aria-describedby={own.length ? `${base}-error` : undefined}>
      <legend className="text-sm font-semibold text-slate-800">{t("form.stepLegend", { number, type: t(`stepTypes.${step.type}`) })}</legend>
      <div className="flex flex-wrap items-center justify-end gap-2">
        <div className="flex gap-1">
          <Button variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t("form.moveUpNamed", { number })}>
            {t("form.moveUp")}
          </Button>
          <Button variant="ghost" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t("form.moveDownNamed", { number })}>
            {t("form.moveDown")}
          </Button>
          <Button variant="danger" onClick={onRemove} aria-label={t("form.removeNamed", { number })}>
            {t("form.remove")}
          </Button>
        </div>
      </div>
      <div id={`${base}-error`} aria-live="polite">
        {own.map((message) => (
          <p key={message} className="text-sm text-red-600">
            {message}
          </p>
        ))}
      </div>
      <StepBody step={step} base={base} errors={errors} onChange={onChange} />
    </fieldset>
  );
}

function StepBody({ step, base, errors, onChange }: { step: StepDraft; base: string; errors: Record<string, string[]>; onChange: (step: StepDraft) => void }) {
  const t = useTranslations("workflows");
  const id = (field: string) => `${base}-${field}`;
  // Field names stay off the step inputs: the steps travel as JSON in one hidden input.
  const control = (field: string) => ({ id: id(field), name: undefined, errors: errors[field] });

  switch (step.type) {
    case "wait":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldFrame id={id("amount")} label={t("wait.amount")} errors={errors.amount}>
            <TextInput {...control("amount")} inputMode="numeric" value={step.amount} onChange={(event) => onChange({ ...step, amount: event.target.value })} />
          </FieldFrame>
          <FieldFrame id={id("unit")} label={t("wait.unit")} errors={errors.unit}>
            <Select {...control("unit")} value={step.unit} onChange={(event) => onChange({ ...step, unit: event.target.value as WaitUnit })}>
              {WAIT_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`wait.units.${unit}`)}
                </option>
              ))}
            </Select>
          </FieldFrame>
        </div>
      );
    case "email": {
      const unknown = [...new Set([...unknownVariables(step.subject), ...unknownVariables(step.body)])];
      return (
        <div className="space-y-3">
          <FieldFrame id={id("subject")} label={t("email.subject")} errors={errors.subject}>
            <TextInput {...control("subject")} maxLength={200} value={step.subject} onChange={(event) => onChange({ ...step, subject: event.target.value })} />
          </FieldFrame>
          <FieldFrame id={id("body")} label={t("email.body")} errors={errors.body} hint={t("email.consentNote")}>
            <TextArea {...control("body")} rows={6} value={step.body} onChange={(event) => onChange({ ...step, body: event.target.value })} />
          </FieldFrame>
          <p className="text-xs text-slate-600">
            {t("email.variables")}{" "}
            {TEMPLATE_VARIABLES.map((variable) => (
              <code key={variable} className="mr-1 rounded bg-white px-1 py-0.5 ring-1 ring-slate-200">{`{{${variable}}}`}</code>
            ))}
          </p>
          <div aria-live="polite">
            {unknown.length > 0 ? (
              <p className="rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900 ring-1 ring-amber-200">
                {t("email.unknownVariables", { count: unknown.length, names: unknown.map((name) => `{{${name}}}`).join(", ") })}
              </p>
            ) : null}
          </div>
        </div>
      );
    }
    case "task":
      return (
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="sm:col-span-3">
            <FieldFrame id={id("title")} label={t("task.title")} errors={errors.title}>
              <TextInput {...control("title")} maxLength={200} value={step.title} onChange={(event) => onChange({ ...step, title: event.target.value })} />
            </FieldFrame>
          </div>
          <div className="sm:col-span-2">
            <FieldFrame id={id("assignTo")} label={t("task.assignTo")} errors={errors.assignTo}>
              <Select {...control("assignTo")} value={step.assignTo} onChange={(event) => onChange({ ...step, assignTo: event.target.value as Assignee })}>
                {ASSIGNEES.map((assignee) => (
                  <option key={assignee} value={assignee}>
                    {t(`task.assignees.${assignee}`)}
                  </option>
                ))}
              </Select>
            </FieldFrame>
          </div>
          <FieldFrame id={id("dueInDays")} label={t("task.dueInDays")} errors={errors.dueInDays}>
            <TextInput {...control("dueInDays")} inputMode="numeric" value={step.dueInDays} onChange={(event) => onChange({ ...step, dueInDays: event.target.value })} />
          </FieldFrame>
        </div>
      );
    case "tag":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldFrame id={id("action")} label={t("tag.action")} errors={errors.action}>
            <Select {...control("action")} value={step.action} onChange={(event) => onChange({ ...step, action: event.target.value as "add" | "remove" })}>
              <option value="add">{t("tag.actions.add")}</option>
              <option value="remove">{t("tag.actions.remove")}</option>
            </Select>
          </FieldFrame>
          <FieldFrame id={id("tag")} label={t("tag.tag")} errors={errors.tag}>
            <TextInput {...control("tag")} maxLength={40} value={step.tag} onChange={(event) => onChange({ ...step, tag: event.target.value })} />
          </FieldFrame>
        </div>
      );
    case "discountTier":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <FieldFrame id={id("mode")} label={t("discountTier.mode")}>
            <Select id={id("mode")} name={undefined} value={step.mode} onChange={(event) => onChange({ ...step, mode: event.target.value as "set" | "clear" })}>
              <option value="set">{t("discountTier.modes.set")}</option>
              <option value="clear">{t("discountTier.modes.clear")}</option>
            </Select>
          </FieldFrame>
          {step.mode === "set" ? (
            <FieldFrame id={id("tier")} label={t("discountTier.tier")} errors={errors.tier} hint={t("discountTier.tierHint")}>
              <TextInput {...control("tier")} maxLength={40} value={step.tier} onChange={(event) => onChange({ ...step, tier: event.target.value })} />
            </FieldFrame>
          ) : null}
        </div>
      );
    case "webhook":
      return <WebhookBody step={step} id={id} errors={errors} onChange={onChange} />;
  }
}

function WebhookBody({
  step,
  id,
  errors,
  onChange,
}: {
  step: Extract<StepDraft, { type: "webhook" }>;
  id: (field: string) => string;
  errors: Record<string, string[]>;
  onChange: (step: StepDraft) => void;
}) {
  const t = useTranslations("workflows");
  const [isShown, setShown] = useState(false);
  const [wasGenerated, setGenerated] = useState(false);
  return (
    <div className="space-y-3">
      <FieldFrame id={id("url")} label={t("webhook.url")} errors={errors.url} hint={t("webhook.urlHint")}>
        <TextInput id={id("url")} name={undefined} errors={errors.url} type="url" inputMode="url" maxLength={2000} placeholder="https://" value={step.url} onChange={(event) => onChange({ ...step, url: event.target.value })} />
      </FieldFrame>
      <FieldFrame id={id("secret")} label={t("webhook.secret")} errors={errors.secret} hint={step.secretId ? t("webhook.secretSet") : t("webhook.secretHint")}>
        <div className="flex gap-2">
          <TextInput
            id={id("secret")}
            name={undefined}
            errors={errors.secret}
            type={isShown ? "text" : "password"}
            autoComplete="new-password"
            spellCheck={false}
            value={step.newSecret}
            onChange={(event) => {
              setGenerated(false);
              onChange({ ...step, newSecret: event.target.value });
            }}
          />
          <Button variant="secondary" aria-pressed={isShown} onClick={() => setShown(!isShown)}>
            {isShown ? t("webhook.hide") : t("webhook.show")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setGenerated(true);
              setShown(true);
              onChange({ ...step, newSecret: generateSecret() });
            }}
          >
            {t("webhook.generate")}
          </Button>
        </div>
      </FieldFrame>
      <div aria-live="polite">{wasGenerated ? <p className="text-sm text-amber-900">{t("webhook.generated")}</p> : null}</div>
    </div>
  );
}
