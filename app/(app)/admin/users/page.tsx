import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/db/users";
import { CreateUserForm } from "./create-user-form";
import { UserAccessControls } from "./user-access-controls";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const admin = await requirePageUser("user:manage");
  const [t, tRoles, format, users] = await Promise.all([getTranslations("users"), getTranslations("nav.roles"), getFormatter(), listUsers()]);
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
        </div>
        <Card title={t("createTitle")}>
          <CreateUserForm />
        </Card>
      </div>
    </div>
  );
}
