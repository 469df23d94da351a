/**
 * The shape of a page while its data loads: grey blocks where the content will be, and a status that screen
 * readers announce as busy, in the reader's language. Pages put it in a Suspense boundary after their permission
 * and existence checks rather than in a loading.tsx, which would stream a 200 before a 403 or 404 is known.
 */
import { getTranslations } from "next-intl/server";
import { Skeleton } from "./skeleton";

export type PageSkeletonLayout = "profile" | "form" | "table";

export async function PageSkeleton({ layout }: { layout: PageSkeletonLayout }) {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="space-y-5">
      <span className="sr-only">{t("loading")}</span>
      <Skeleton className="h-7 w-64" />
      {layout === "profile" ? <ProfileBlocks /> : layout === "form" ? <FormBlocks /> : <TableBlocks />}
    </div>
  );
}

function Block({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`rounded-lg bg-white p-4 ring-1 ring-slate-200 ${className}`} />;
}

function ProfileBlocks() {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-16" />
        ))}
      </div>
      <div className="grid gap-5 lg:grid-cols-3">
        <Block className="h-64" />
        <div className="space-y-5 lg:col-span-2">
          <Block className="h-72" />
          <Block className="h-40" />
        </div>
      </div>
    </>
  );
}

function FormBlocks() {
  return (
    <div className="mx-auto max-w-3xl space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} className="h-9 w-full" />
      ))}
    </div>
  );
}

function TableBlocks() {
  return (
    <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-6 w-full" />
      ))}
    </div>
  );
}
