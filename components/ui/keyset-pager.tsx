/**
 * "Newest" and "Older" links under a newest-first list read in keyset pages (run histories, the outbox). Shows
 * nothing on a list that fits one page.
 */
import Link from "next/link";
import type { Route } from "next";

export function KeysetPager(props: { newestHref: string | null; olderHref: string | null; newestLabel: string; olderLabel: string; label?: string; className?: string }) {
  if (!props.newestHref && !props.olderHref) return null;
  return (
    <nav className={`flex gap-3 text-sm ${props.className ?? ""}`} aria-label={props.label}>
      {props.newestHref ? (
        <Link href={props.newestHref as Route} className="text-brand-700 hover:underline">
          {props.newestLabel}
        </Link>
      ) : null}
      {props.olderHref ? (
        <Link href={props.olderHref as Route} className="text-brand-700 hover:underline">
          {props.olderLabel}
        </Link>
      ) : null}
    </nav>
  );
}
