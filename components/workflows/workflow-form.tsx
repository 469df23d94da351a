"use client";

/**
 * Create or edit a workflow: name, segment, trigger, what happens when the customer left the segment, an optional
 * rate limit and the ordered steps. The steps travel to the server action as JSON in one hidden input and are
 * validated there with WorkflowStepsSchema; errors come back keyed by position ("steps.2.subject") and are shown
 * next to the field of the step that was at that position when the form was sent.
 */
import Link from "next/link";
import type { Route } from "next";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useMemo, useRef, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FieldFrame, Select, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { STEP_TYPES, type StepType } from "@/lib/domain/workflows/steps";
import type { SegmentChoice } from "./segment-label";
import { draftsToJson, errorsByStep, moveStep, newStep, type StepDraft } from "./step-drafts";
import { StepFields } from "./step-fields";

export type WorkflowFormValues = {
  name: string;
  segmentId: string;
  trigger: "ENTER" | "EXIT";
  stopWhenLeft: boolean;
  maxRunsPerHour: string;
  steps: StepDraft[];
};

type Props = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** The workflow being edited; null for a new one. */
  workflowId: string | null;
  segments: SegmentChoice[];
  initial: WorkflowFormValues;
  cancelHref: Route;
  /** Shown above the form (stored steps that no longer read). */
  notice?: string;
};

const GROUPS = ["builtIn", "rfm", "custom"] as const;

export function WorkflowForm({ action, workflowId, segments, initial, cancelHref, notice }: Props) {
  const t = useTranslations("workflows");
  const tAll = useTranslations();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const [name, setName] = useState(initial.name);
  const [segmentId, setSegmentId] = useState(initial.segmentId);
  const [trigger, setTrigger] = useState(initial.trigger);
  const [whenLeft, setWhenLeft] = useState<"stop" | "continue">(initial.stopWhenLeft ? "stop" : "continue");
  const [maxRunsPerHour, setMaxRunsPerHour] = useState(initial.maxRunsPerHour);
  const [steps, setSteps] = useState(initial.steps);
  // Errors name steps by position in the list that was sent; ids keep them on the right step after edits.
  const [sentSteps, setSentSteps] = useState(initial.steps);
  const nextId = useRef(initial.steps.length + 1);
  const stepsJson = useMemo(() => JSON.stringify(draftsToJson(steps)), [steps]);

  const message = (key: string) => (tAll.has(`validation.${key}`) ? tAll(`validation.${key}`) : tAll("validation.invalid"));
  const fieldErrors = useMemo(() => (state.status === "error" ? (state.fieldErrors ?? {}) : {}), [state]);
  const stepErrors = useMemo(() => errorsByStep(sentSteps, fieldErrors), [sentSteps, fieldErrors]);
  const errorsOf = (field: string) => fieldErrors[field]?.map(message);
  const formError =
    state.status !== "error" ? null : fieldErrors.form?.[0] ? message(fieldErrors.form[0]) : Object.keys(fieldErrors).length === 0 ? tAll(state.message) : tAll("errors.fixFields");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setSentSteps(steps);
    startTransition(() => formAction(formData));
  }

  function addStep(type: StepType) {
    setSteps((current) => [...current, newStep(type, `n${nextId.current++}`)]);
  }

  const segmentGroups = GROUPS.map((group) => ({ group, choices: segments.filter((segment) => segment.group === group) })).filter((entry) => entry.choices.length > 0);

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={t("form.label")}>
      {notice ? <FormMessage tone="error">{notice}</FormMessage> : null}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      {workflowId ? <input type="hidden" name="workflowId" value={workflowId} /> : null}
      <input type="hidden" name="steps" value={stepsJson} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FieldFrame id="name" label={t("form.name")} errors={errorsOf("name")}>
          <TextInput id="name" required maxLength={120} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} errors={errorsOf("name")} />
        </FieldFrame>
        <FieldFrame id="segmentId" label={t("form.segment")} errors={errorsOf("segmentId")}>
          <Select id="segmentId" required value={segmentId} onChange={(event) => setSegmentId(event.target.value)} errors={errorsOf("segmentId")}>
            <option value="">{t("form.chooseSegment")}</option>
            {segmentGroups.map(({ group, choices }) => (
              <optgroup key={group} label={t(`form.segmentGroups.${group}`)}>
                {choices.map((segment) => (
                  <option key={segment.id} value={segment.id}>
                    {segment.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </FieldFrame>
        <FieldFrame id="trigger" label={t("form.trigger")} errors={errorsOf("trigger")} hint={t("form.triggerHint")}>
          <Select id="trigger" value={trigger} onChange={(event) => setTrigger(event.target.value as "ENTER" | "EXIT")} errors={errorsOf("trigger")}>
            <option value="ENTER">{t("trigger.ENTER")}</option>
            <option value="EXIT">{t("trigger.EXIT")}</option>
          </Select>
        </FieldFrame>
        <FieldFrame id="maxRunsPerHour" label={t("form.rateLimit")} errors={errorsOf("maxRunsPerHour")} hint={t("form.rateLimitHint")}>
          <TextInput id="maxRunsPerHour" inputMode="numeric" autoComplete="off" value={maxRunsPerHour} onChange={(event) => setMaxRunsPerHour(event.target.value)} errors={errorsOf("maxRunsPerHour")} />
        </FieldFrame>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">{t("form.whenLeft")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
          {(["stop", "continue"] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input type="radio" name="whenLeft" value={option} checked={whenLeft === option} onChange={() => setWhenLeft(option)} />
              {option === "stop" ? t("form.whenLeftStop") : t("form.whenLeftContinue")}
            </label>
          ))}
        </div>
        {errorsOf("whenLeft")?.map((error) => (
          <p key={error} className="text-sm text-red-600">
            {error}
          </p>
        ))}
      </fieldset>

      <section aria-labelledby="workflow-steps" className="space-y-3">
        <div className="space-y-0.5">
          <h2 id="workflow-steps" className="text-base font-semibold">
            {t("form.steps")}
          </h2>
          <p className="text-xs text-slate-500">{t("form.stepsHint")}</p>
        </div>
        <div id="steps-error" aria-live="polite">
          {stepErrors.list.map((key) => (
            <p key={key} className="text-sm text-red-600">
              {message(key)}
            </p>
          ))}
        </div>
        {steps.length === 0 ? <p className="text-sm text-slate-500">{t("form.noSteps")}</p> : null}
        <ol className="space-y-3">
          {steps.map((step, index) => (
            <li key={step.id}>
              <StepFields
                step={step}
                index={index}
                count={steps.length}
                errors={Object.fromEntries(Object.entries(stepErrors.steps[step.id] ?? {}).map(([field, keys]) => [field, keys.map(message)]))}
                onChange={(changed) => setSteps((current) => current.map((entry) => (entry.id === step.id ? changed : entry)))}
                onMove={(by) => setSteps((current) => moveStep(current, current.findIndex((entry) => entry.id === step.id), by))}
                onRemove={() => setSteps((current) => current.filter((entry) => entry.id !== step.id))}
              />
            </li>
          ))}
        </ol>
        <div className="max-w-xs">
          <FieldFrame id="add-step" label={t("form.addStep")}>
            <Select
              id="add-step"
              name={undefined}
              value=""
              onChange={(event) => {
                const type = event.target.value as StepType;
                if ((STEP_TYPES as readonly string[]).includes(type)) addStep(type);
              }}
            >
              <option value="">{t("form.chooseStep")}</option>
              {STEP_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`stepTypes.${type}`)}
                </option>
              ))}
            </Select>
          </FieldFrame>
        </div>
      </section>

      {workflowId ? <p className="text-xs text-slate-500">{t("form.savedVersionNote")}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? t("form.saving") : t("form.save")}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
