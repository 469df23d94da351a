import type { ReactNode } from "react";

export function Card({ title, actions, children, className = "" }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    // A titled card is a named region, so assistive technology (and tests) can find it by its title.
    <section aria-label={typeof title === "string" ? title : undefined} className={`rounded-lg bg-white shadow-xs ring-1 ring-slate-200 ${className}`}>
      {title || actions ? (
        <header className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
          {title ? <h2 className="text-sm font-semibold text-slate-900">{title}</h2> : <span />}
          {actions}
        </header>
      ) : null}
      <div className="p-4">{children}</div>
    </section>
  );
}
