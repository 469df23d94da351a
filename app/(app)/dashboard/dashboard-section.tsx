import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/** A dashboard card: a region named by its heading, so each part can be found by name. */
export function DashboardSection({ id, title, description, actions, children, className = "" }: { id: string; title: ReactNode; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className={`rounded-lg bg-white shadow-xs ring-1 ring-slate-200 ${className}`}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
      </header>
      <div className="space-y-3 p-4">
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
        {children}
      </div>
    </section>
  );
}

/** The card with its heading while its figures load (the fallback of its Suspense boundary). */
export function SectionSkeleton({ id, title, loadingLabel, height = "h-64", className }: { id: string; title: string; loadingLabel: string; height?: string; className?: string }) {
  return (
    <DashboardSection id={id} title={title} className={className}>
      <div role="status" aria-label={loadingLabel} className="space-y-2">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className={`${height} w-full`} />
      </div>
    </DashboardSection>
  );
}

/** A plain-text notice inside a card: what is missing and why (never an empty chart or a NaN). */
export function SectionNotice({ title, children }: { title?: ReactNode; children?: ReactNode }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2.5 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset">
      {title ? <p className="font-medium text-slate-900">{title}</p> : null}
      {children}
    </div>
  );
}
