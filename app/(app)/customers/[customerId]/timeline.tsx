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
};

export async function Timeline({ events, currency, locale }: { events: TimelineEvent[]; currency: string; locale: string }) {
  const t = await getTranslations("profile.timeline");
  const tNoteKinds = await getTranslations("noteKinds");
  const format = await getFormatter();
  if (events.length === 0) return <p className="mt-4 text-sm text-slate-500">{t("empty")}</p>;
  return (
    <ol className="mt-4 space-y-3" aria-label={t("title")}>
      {events.map((event) => (
        <li key={`${event.kind}-${event.id}`} className="flex gap-3 text-sm">
          <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT_COLOURS[event.kind]}`} />
          <div className="min-w-0 flex-1">
            <p>
              <EventText event={event} t={t} tNoteKinds={tNoteKinds} currency={currency} locale={locale} />
            </p>
            {event.kind === "note" ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{event.body}</p> : null}
            <p className="text-xs text-slate-500">
              <time dateTime={event.at.toISOString()}>{format.dateTime(event.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              {"author" in event && event.author ? ` · ${event.author}` : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"profile.timeline">>>;
type TranslateNoteKinds = Awaited<ReturnType<typeof getTranslations<"noteKinds">>>;

function EventText({ event, t, tNoteKinds, currency, locale }: { event: TimelineEvent; t: Translate; tNoteKinds: TranslateNoteKinds; currency: string; locale: string }) {
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
  }
}
