import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/ui/skeleton";
import { requirePageUser } from "@/lib/auth/session";
import { DuplicatesTable, parseDuplicateCursor } from "./duplicates-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("duplicates");
  return { title: t("title") };
}

/** Likely duplicate customers, most valuable pairs first, for those who may merge them. */
export default async function DuplicatesPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  await requirePageUser("customer:merge");
  const after = parseDuplicateCursor((await searchParams).after);
  const [t, tNav] = await Promise.all([getTranslations("duplicates"), getTranslations("nav")]);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/customers" className="text-brand-700 hover:underline">
            ← {tNav("customers")}
          </Link>
        </p>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Suspense key={after?.join(":") ?? "first"} fallback={<TableSkeleton label={t("loading")} />}>
        <DuplicatesTable after={after} />
      </Suspense>
    </div>
  );
}
