import type { Metadata, Route } from "next";
import Link from "next/link";
import { z } from "zod";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/db/users";
import { clampPage, lastPageOf } from "@/lib/domain/pagination";
import { CreateUserForm } from "./create-user-form";
import { UserAccessControls } from "./user-access-controls";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const admin = await requirePageUser("user:manage");
  const requested = PageSchema.parse((await searchParams).page ?? 1);
  const [t, tRoles, format, firstTry] = await Promise.all([
    getTranslations("users"),
    getTranslations("nav.roles"),
    getFormatter(),
    listUsers({ skip: (requested - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const pageCount = lastPageOf(firstTry.total, PAGE_SIZE);
  // A page past the end (an old link) shows the last page instead of an empty table.
  const page = clampPage(requested, firstTry.total, PAGE_SIZE);
  const { users } = page === requested ? firstTry : await listUsers({ skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const pageHref = (target: number) => `/admin/users?page=${target}` as Route;
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("tableCaption")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("name")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("email")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("role")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("status")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("since")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((user) => (
                  <tr key={user.id} className={user.isActive ? "" : "text-slate-400"}>
                    <td className="px-3 py-2 font-medium">{user.name}</td>
                    <td className="px-3 py-2">{user.email}</td>
                    <td className="px-3 py-2" colSpan={2}>
                      {user.id === admin.id ? (
                        <span className="flex items-center gap-2">
                          {tRoles(user.role)} <Badge tone="brand">{t("you")}</Badge>
                        </span>
                      ) : (
                        <UserAccessControls userId={user.id} userName={user.name} role={user.role} isActive={user.isActive} />
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(user.createdAt, { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pageCount > 1 ? (
            <nav aria-label={t("pagination")} className="mt-3 flex items-center justify-between text-sm text-slate-600">
              <span>{t("pageOf", { page, pages: pageCount, total: firstTry.total })}</span>
              <span className="flex gap-3">
                {page > 1 ? (
                  <Link href={pageHref(page - 1)} className="font-medium text-brand-700 hover:underline">
                    {t("previousPage")}
                  </Link>
                ) : null}
                {page < pageCount ? (
                  <Link href={pageHref(page + 1)} className="font-medium text-brand-700 hover:underline">
                    {t("nextPage")}
                  </Link>
                ) : null}
              </span>
            </nav>
          ) : null}
        </div>
        <Card title={t("createTitle")}>
          <CreateUserForm />
        </Card>
      </div>
    </div>
  );
}
