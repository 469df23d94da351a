import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppHeader } from "@/components/layout/app-header";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const t = await getTranslations("nav");
  const links = [{ href: "/customers", label: t("customers") }];
  if (can(user.role, "user:manage")) links.push({ href: "/admin/users", label: t("users") });
  return (
    <div className="min-h-screen">
      <AppHeader links={links} userName={user.name} roleLabel={t(`roles.${user.role}`)} />
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
