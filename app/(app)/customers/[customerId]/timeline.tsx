import { getFormatter, getTranslations } from "next-intl/server";
import type { TimelineEvent } from "@/lib/db/timeline";
import { formatMoney } from "@/lib/domain/money";

// The text says what each event is; the dot's colour only helps scanning.
const DOT_COLOURS: Record<TimelineEvent["kind"], string> = {
  order_placed: "bg-emerald-500",
  order_refunded: "bg-red-500",
  order_cancelled: "bg-slate-400",
  note: "bg-brand-600",
  task_created: "bg-amber-500",
  task_completed: "bg-amber-500",
  segment_entered: "bg-violet-500",
  segment_exited: "bg-violet-300",
  workflow_started: "bg-sky-500",
  workflow_step: "bg-sky-300",
  workflow_finished: "bg-sky-600",
};

export async function Timeline({ events, currency, locale }: { events: TimelineEvent[]; currency: string; locale: string }) {
  const t = await getTranslations("profile.timeline");
  const tNoteKinds = await getTranslations("noteKinds");
  const tValue = await getTranslations("value");
  const tRuns = await getTranslations("profile.workflows");
  const format = await getFormatter();
  if (events.length === 0) return <p className="mt-4 text-sm text-slate-500">{t("empty")}</p>;
  return (
    <ol className="mt-4 space-y-3" aria-label={t("title")}>
      {events.map((event) => (
        <li key={`${event.kind}-${event.id}`} className="flex gap-3 text-sm">
          <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT_COLOURS[event.kind]}`} />
          <div className="min-w-0 flex-1">
            <p>
              <EventText event={event} t={t} tNoteKinds={tNoteKinds} tValue={tValue} currency={currency} locale={locale} />
            </p>
            {event.kind === "segment_entered" || event.kind === "segment_exited" ? <SegmentReason event={event} t={t} tValue={tValue} currency={currency} locale={locale} /> : null}
            {event.kind === "note" ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{event.body}</p> : null}
            {event.kind === "order_refunded" && event.reason ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{t("refundReason", { reason: event.reason })}</p> : null}
            {event.kind === "workflow_finished" && event.stopReason ? <p className="text-slate-600">{tRuns(`stopReason.${event.stopReason}` as "stopReason.leftSegment")}</p> : null}
            {(event.kind === "workflow_step" || event.kind === "workflow_finished") && event.error ? <p className="text-red-700">{event.error}</p> : null}
            <p className="text-xs text-slate-500">
              <time dateTime={event.at.toISOString()}>{format.dateTime(event.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              {"author" in event && event.author ? ` · ${event.author}` : null}
              {event.kind === "order_refunded" && !event.author ? refundOrigin(event, t) : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"profile.timeline">>>;
type TranslateNoteKinds = Awaited<ReturnType<typeof getTranslations<"noteKinds">>>;

function EventText({ event, t, tNoteKinds, tValue, currency, locale }: { event: TimelineEvent; t: Translate; tNoteKinds: TranslateNoteKinds; tValue: TranslateValue; currency: string; locale: string }) {
  switch (event.kind) {
    case "order_placed":
      return t("orderPlaced", { number: event.orderNumber, amount: formatMoney(event.amountMinor, event.currency || currency, locale) });
    case "order_refunded":
      return t("orderRefunded", { number: event.orderNumber, amount: formatMoney(event.amountMinor, event.currency || currency, locale) });
    case "order_cancelled":
      return t("orderCancelled", { number: event.orderNumber });
    case "note":
      return <span className="font-medium">{tNoteKinds(event.noteKind as "NOTE")}</span>;
    case "task_created":
      return t("taskCreated", { title: event.title });
    case "task_completed":
      return t("taskCompleted", { title: event.title });
    case "segment_entered":
    case "segment_exited":
      return t(event.kind === "segment_entered" ? "segmentEntered" : "segmentExited", { segment: segmentLabel(event, tValue) });
    case "workflow_started":
      return t(event.source === "MANUAL" ? "workflowStartedByHand" : "workflowStarted", { workflow: event.workflowName });
    case "workflow_step":
      return t("workflowStep", {
        workflow: event.workflowName,
        step: t(`stepTypes.${event.stepType}` as "stepTypes.email"),
        status: t(`stepStatus.${event.status}` as "stepStatus.SUCCEEDED"),
      });
    case "workflow_finished":
      return t(`workflowFinished.${event.status}` as "workflowFinished.COMPLETED", { workflow: event.workflowName });
  }
}

/** Who recorded a refund when no user did: another system through the API, or a bulk writer (seed, CSV import). */
function refundOrigin(event: Extract<TimelineEvent, { kind: "order_refunded" }>, t: Translate): string | null {
  if (event.source === "api") return ` · ${t("refundViaApi")}`;
  if (event.source === "order-total" && event.system) return ` · ${t("refundFromSystem", { system: event.system })}`;
  return null;
}

type SegmentEvent = Extract<TimelineEvent, { kind: "segment_entered" | "segment_exited" }>;
type TranslateValue = Awaited<ReturnType<typeof getTranslations<"value">>>;

/** Built-in and RFM segments are named in the reader's language; custom ones by their own name. */
function segmentLabel(event: SegmentEvent, tValue: TranslateValue): string {
  if (event.segmentKind === "RFM") return tValue(`rfmGroups.${event.segmentKey.slice(4)}` as never);
  if (event.segmentKind === "BUILTIN") return tValue(`segmentNames.${event.segmentKey}` as never);
  return event.segmentName;
}


/** What decided the change, from the figures stored with the event. */
function SegmentReason({ event, t, tValue, currency, locale }: { event: SegmentEvent; t: Translate; tValue: TranslateValue; currency: string; locale: string }) {
  const reason = event.reason as { rule?: string; basis?: string; enterMinor?: number; exitMinor?: number; facts?: Record<string, unknown>; archived?: boolean };
  const facts = reason.facts ?? {};
  const percent = (value: unknown) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(Number(value));
  let text: string | null = null;
  if (reason.archived) text = t("reasonArchived");
  else if (reason.rule === "archived") text = t("reasonSegmentArchived");
  else if (reason.rule === "vip" && typeof reason.enterMinor === "number" && typeof reason.exitMinor === "number") {
    const value = Number(reason.basis === "total" ? facts.totalClvMinor : facts.predictedValueMinor);
    if (Number.isFinite(value)) {
      const line = event.kind === "segment_entered" ? reason.enterMinor : reason.exitMinor;
      text = `${tValue(reason.basis === "total" ? "fields.totalClv" : "fields.predictedValue")} ${formatMoney(value, currency, locale)} ${event.kind === "segment_entered" ? "≥" : "<"} ${formatMoney(line, currency, locale)}`;
    }
  } else if (facts.probabilityAlive !== null && facts.probabilityAlive !== undefined && reason.rule !== "rfm") {
    text = `${tValue("fields.probabilityAlive")} ${percent(facts.probabilityAlive)}`;
  }
  return text ? <p className="text-slate-600">{text}</p> : null;
}
