import Link from "next/link";
import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { CustomerRunStep, CustomerWorkflowRun } from "@/lib/db/customer-workflow-runs";

const RUN_TONES = { COMPLETED: "success", FAILED: "danger", HELD: "warning", STOPPED: "neutral", SCHEDULED: "brand", RUNNING: "brand" } as const;
const STEP_TONES = { SUCCEEDED: "success", FAILED: "danger", SKIPPED: "neutral", RUNNING: "brand" } as const;
const STEP_TYPES = ["wait", "email", "task", "tag", "discountTier", "webhook"] as const;

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/**
 * One of a customer's workflow runs: how far it got, its times, why it stopped or failed, and every step that ran
 * with its status, attempts, times and error. Shown on the profile's Workflows card and the customer's run history.
 */
export async function WorkflowRunItem({ run, canOpenWorkflows }: { run: CustomerWorkflowRun; canOpenWorkflows: boolean }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const done = run.steps.filter((step) => step.status === "SUCCEEDED" || step.status === "SKIPPED").length;
  // The run history's wording, which knows every stop reason the engine writes; an unknown one is shown as it is.
  const stopReasonKey = `workflowRuns.stopReason.${run.stopReason}` as "workflowRuns.stopReason.leftSegment";
  const times = [
    t("workflowRuns.runs.created", { date: when(run.createdAt) }),
    run.startedAt ? t("workflowRuns.runs.started", { date: when(run.startedAt) }) : null,
    run.finishedAt ? t("workflowRuns.runs.finished", { date: when(run.finishedAt) }) : null,
    run.status === "SCHEDULED" || run.status === "HELD" ? t("workflowRuns.runs.nextRun", { date: when(run.nextRunAt) }) : null,
  ].filter(Boolean);
  return (
    <li className="py-2 text-sm">
      <div className="flex items-center justify-between gap-2">
        {canOpenWorkflows ? (
          <Link href={`/workflows/${run.workflow.id}` as Route} className="font-medium text-brand-700 hover:underline">
            {run.workflow.name}
          </Link>
        ) : (
          <span className="font-medium">{run.workflow.name}</span>
        )}
        <Badge tone={RUN_TONES[run.status]}>{t(`profile.workflows.status.${run.status}`)}</Badge>
      </div>
      <p className="text-xs text-slate-500">
        {t("profile.workflows.progress", { done, total: run.stepCount })} · {t(`workflowRuns.sources.${run.source}`)}
      </p>
      <p className="text-xs text-slate-500">{times.join(" · ")}</p>
      {run.stopReason ? <p className="text-xs text-slate-500">{t.has(stopReasonKey) ? t(stopReasonKey) : t("workflowRuns.stopReason.other", { reason: run.stopReason })}</p> : null}
      {run.lastError ? <p className={`text-xs break-words ${run.status === "FAILED" ? "text-red-700" : "text-slate-600"}`}>{t("workflowRuns.runs.lastError", { error: run.lastError })}</p> : null}
      {run.steps.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{t("workflowRuns.runs.noSteps")}</p>
      ) : (
        <ol className="mt-1 space-y-1 border-l-2 border-slate-100 pl-2 text-xs" aria-label={t("profile.workflows.stepsOf", { workflow: run.workflow.name })}>
          {run.steps.map((step) => (
            <StepLine key={step.stepIndex} step={step} t={t} when={when} />
          ))}
        </ol>
      )}
    </li>
  );
}

function StepLine({ step, t, when }: { step: CustomerRunStep; t: Translate; when: (date: Date) => string }) {
  const known = STEP_TYPES.find((type) => type === step.type);
  const type = known ? t(`workflowRuns.stepTypes.${known}`) : step.type;
  return (
    <li>
      <span className="font-medium text-slate-800">{t("workflowRuns.step", { number: step.stepIndex + 1, type })}</span>{" "}
      <Badge tone={STEP_TONES[step.status]}>{t(`workflowRuns.stepStatuses.${step.status}`)}</Badge>{" "}
      <span className="text-slate-500">
        {t("workflowRuns.attempts", { count: step.attempts })} · {t("workflowRuns.stepTimes", { started: when(step.startedAt), finished: step.finishedAt ? when(step.finishedAt) : t("workflowRuns.notFinished") })}
      </span>
      {step.error ? <div className="break-words text-red-700">{step.error}</div> : null}
    </li>
  );
}
