import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { can, type Role } from "@/lib/auth/permissions";
import { listDuplicatePairs } from "@/lib/db/duplicates";
import { compareHref } from "./duplicates-table";

/**
 * On a profile, for those who may merge: other live customers who look like the same person, each with a link to
 * compare the two. Streamed after the profile (the search reads every live customer's phone, ~0.1 s at 100,000).
 */
export function PossibleDuplicates({ customerId, role }: { customerId: string; role: Role }) {
  if (!can(role, "customer:merge")) return null;
  return (
    <Suspense fallback={null}>
      <PossibleDuplicatesNote customerId={customerId} />
    </Suspense>
  );
}

async function PossibleDuplicatesNote({ customerId }: { customerId: string }) {
  const [t, { pairs, total }] = await Promise.all([getTranslations("duplicates.hint"), listDuplicatePairs({ customerId, limit: 5 })]);
  if (total === 0) return null;
  return (
    <aside aria-labelledby="possible-duplicates" className="rounded-lg bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-200">
      <h2 id="possible-duplicates" className="font-semibold text-amber-900">
        {t("title")}
      </h2>
      <p className="text-amber-900">{t("body", { count: total })}</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {pairs.map(({ customers: [first, second] }) => {
          const other = first.id === customerId ? second : first;
          return (
            <li key={other.id}>
              <Link href={compareHref(first.id, second.id)} className="font-medium text-brand-700 hover:underline">
                {t("compareWith", { name: other.name })}
              </Link>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
