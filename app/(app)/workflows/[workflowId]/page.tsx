import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import {
  countWorkflowRuns,
  decodeHistoryCursor,
  encodeHistoryCursor,
  listWorkflowRuns,
  RUN_STATUSES,
  type StepResultRow,
  type WorkflowRunRow,
  type WorkflowRunStatus,
} from "@/lib/db/workflow-history";
import { getWorkflow } from "@/lib/db/workflows";
import { RetryButton } from "./retry-button";
import { KeysetPager } from "@/components/ui/keyset-pager";

const PAGE_SIZE = 25;

const RUN_TONES = { COMPLETED: "success", FAILED: "danger", HELD: "warning", STOPPED: "neutral", SCHEDULED: "brand", RUNNING: "brand" } as const;
const STEP_TONES = { SUCCEEDED: "success", FAILED: "danger", SKIPPED: "neutral", RUNNING: "brand" } as const;
const WORKFLOW_TONES = { ACTIVE: "success", PAUSED: "warning", ARCHIVED: "neutral" } as const;
const STOP_REASONS = ["leftSegment", "reenteredSegment", "workflowArchived", "customerErased", "customerArchived"];

type Params = { params: Promise<{ workflowId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function findWorkflow(id: string) {
  return z.uuid().safeParse(id).success ? getWorkflow(id) : null;
}

export async function generateMetadata({ params }: Pick<Params, "params">): Promise<Metadata> {
  const [t, workflow] = await Promise.all([getTranslations("workflowRuns"), findWorkflow((await params).workflowId)]);
  return { title: workflow ? `${workflow.name} · ${t("title")}` : t("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A workflow's run history (managers and admins): counts by status, the runs newest first with their steps. */
export default async function WorkflowRunsPage({ params, searchParams }: Params) {
  const user = await requirePageUser("workflow:read");
  const [{ workflowId }, query] = await Promise.all([params, searchParams]);
  const workflow = await findWorkflow(workflowId);
  if (!workflow) notFound();
  const status = (RUN_STATUSES as readonly string[]).includes(first(query.status) ?? "") ? (first(query.status) as WorkflowRunStatus) : null;
  const before = decodeHistoryCursor(first(query.before));
  const [t, format, counts, runs] = await Promise.all([
    getTranslations("workflowRuns"),
    getFormatter(),
    countWorkflowRuns(workflow.id),
    listWorkflowRuns(workflow.id, { status, before, take: PAGE_SIZE }),
  ]);
  const canRetry = can(user.role, "workflow:retry");
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const base = `/workflows/${workflow.id}`;
  const href = (change: { status?: WorkflowRunStatus | null; before?: string | null }) => {
    const search = new URLSearchParams();
    const nextStatus = change.status === undefined ? status : change.status;
    if (nextStatus) search.set("status", nextStatus);
    if (change.before) search.set("before", change.before);
    const text = search.toString();
    return (text ? `${base}?${text}` : base) as Route;
  };
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Link href={"/workflows" as Route} className="text-sm text-brand-700 hover:underline">
            {t("back")}
          </Link>
          <h1 className="mt-1 text-xl font-semibold">{workflow.name}</h1>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-700">{t("segment")}:</dt>
              <dd>{workflow.segment.name}</dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-700">{t("trigger")}:</dt>
              <dd>{t(`triggers.${workflow.trigger}`)}</dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="font-medium text-slate-700">{t("workflowStatus")}:</dt>
              <dd className="flex items-center gap-1.5">
                <Badge tone={WORKFLOW_TONES[workflow.status]}>{t(`workflowStatuses.${workflow.status}`)}</Badge>
                <span className="text-xs text-slate-500">{t("version", { version: workflow.version })}</span>
              </dd>
            </div>
          </dl>
        </div>
        {can(user.role, "webhook:allowlist") ? (
          <Link href={"/workflows/webhook-hosts" as Route} className={buttonClasses("secondary")}>
            {t("webhookHostsLink")}
          </Link>
        ) : null}
      </div>

      <Card title={t("counts.title")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          <li>
            <Link href={href({ status: null })} aria-current={status === null ? "page" : undefined} className={countClasses(status === null)}>
              <span>{t("counts.total")}</span>
              <span className="font-semibold tabular-nums">{format.number(total)}</span>
            </Link>
          </li>
          {RUN_STATUSES.map((runStatus) => (
            <li key={runStatus}>
              <Link href={href({ status: runStatus })} aria-current={status === runStatus ? "page" : undefined} className={countClasses(status === runStatus)}>
                <span>{t(`statuses.${runStatus}`)}</span>
                <span className="font-semibold tabular-nums">{format.number(counts[runStatus])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t("runs.title")}>
        <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {t("filter.label")}
            <select name="status" defaultValue={status ?? ""} className="rounded-md border-0 py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset">
              <option value="">{t("filter.all")}</option>
              {RUN_STATUSES.map((runStatus) => (
                <option key={runStatus} value={runStatus}>
                  {t(`statuses.${runStatus}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClasses("secondary")}>
            {t("filter.submit")}
          </button>
        </form>
        {runs.rows.length === 0 ? (
          total === 0 ? (
            <EmptyState title={t("empty.title")} description={t("empty.description")} />
          ) : (
            <EmptyState title={t("emptyFiltered.title")} description={t("emptyFiltered.description")} />
          )
        ) : (
          <div className="overflow-x-auto">
            <table aria-label={t("runs.title")} className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("runs.columns.customer")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("runs.columns.status")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("runs.columns.source")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("runs.columns.times")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("runs.columns.steps")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {runs.rows.map((run) => (
                  <RunRow key={run.id} run={run} canRetry={canRetry} t={t} when={when} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <KeysetPager
          className="mt-4"
          newestHref={before ? href({}) : null}
          olderHref={runs.next ? href({ before: encodeHistoryCursor(runs.next) }) : null}
          newestLabel={t("runs.newest")}
          olderLabel={t("runs.older")}
        />
      </Card>
    </div>
  );
}

function countClasses(active: boolean): string {
  return `flex items-center gap-2 rounded-md px-2.5 py-1 ring-1 ring-inset ${active ? "bg-brand-50 text-brand-800 ring-brand-200" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50"}`;
}

type Translate = Awaited<ReturnType<typeof getTranslations<"workflowRuns">>>;

function RunRow({ run, canRetry, t, when }: { run: WorkflowRunRow; canRetry: boolean; t: Translate; when: (date: Date) => string }) {
  const customerName = run.customer.erasedAt ? t("runs.erased") : run.customer.name;
  return (
    <tr>
      <td className="py-2 pr-3">
        <Link href={`/customers/${run.customer.id}` as Route} className="font-medium text-brand-700 hover:underline">
          {customerName}
        </Link>
      </td>
      <td className="py-2 pr-3">
        <Badge tone={RUN_TONES[run.status]}>{t(`statuses.${run.status}`)}</Badge>
        {run.stopReason ? (
          <p className="mt-1 text-xs text-slate-500">
            {STOP_REASONS.includes(run.stopReason) ? t(`stopReason.${run.stopReason as "leftSegment"}`) : t("stopReason.other", { reason: run.stopReason })}
          </p>
        ) : null}
        {run.lastError ? <p className="mt-1 max-w-xs text-xs break-words text-red-700">{t("runs.lastError", { error: run.lastError })}</p> : null}
        {canRetry && run.status === "FAILED" ? <RetryButton runId={run.id} customerName={customerName} /> : null}
      </td>
      <td className="py-2 pr-3 whitespace-nowrap">
        {t(`sources.${run.source}`)}
        {/* Edits make new versions; a run carries out the steps it started with. */}
        <div className="text-xs text-slate-500">{t("runs.version", { version: run.workflowVersion })}</div>
      </td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap text-slate-600">
        <div>{t("runs.created", { date: when(run.createdAt) })}</div>
        {run.startedAt ? <div>{t("runs.started", { date: when(run.startedAt) })}</div> : null}
        {run.finishedAt ? <div>{t("runs.finished", { date: when(run.finishedAt) })}</div> : null}
        {run.status === "SCHEDULED" || run.status === "HELD" ? <div>{t("runs.nextRun", { date: when(run.nextRunAt) })}</div> : null}
      </td>
      <td className="py-2">
        {run.steps.length === 0 ? (
          <p className="text-xs text-slate-500">{t("runs.noSteps")}</p>
        ) : (
          <ol className="space-y-1 text-xs">
            {run.steps.map((step) => (
              <StepLine key={step.stepIndex} step={step} t={t} when={when} />
            ))}
          </ol>
        )}
      </td>
    </tr>
  );
}

const STEP_TYPES = ["wait", "email", "task", "tag", "discountTier", "webhook"];

function StepLine({ step, t, when }: { step: StepResultRow; t: Translate; when: (date: Date) => string }) {
  const type = STEP_TYPES.includes(step.type) ? t(`stepTypes.${step.type as "wait"}`) : step.type;
  return (
    <li>
      <span className="font-medium text-slate-800">{t("step", { number: step.stepIndex + 1, type })}</span>{" "}
      <Badge tone={STEP_TONES[step.status]}>{t(`stepStatuses.${step.status}`)}</Badge>{" "}
      <span className="text-slate-500">
        {t("attempts", { count: step.attempts })} · {t("stepTimes", { started: when(step.startedAt), finished: step.finishedAt ? when(step.finishedAt) : t("notFinished") })}
      </span>
      {step.error ? <div className="break-words text-red-700">{step.error}</div> : null}
    </li>
  );
}
