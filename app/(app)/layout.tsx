import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppHeader } from "@/components/layout/app-header";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const t = await getTranslations("nav");
  const tImports = await getTranslations("imports");
  const tWorkflows = await getTranslations("workflows");
  const tOutbox = await getTranslations("outbox");
  const links = [{ href: "/customers", label: t("customers") }];
  if (can(user.role, "segment:read")) links.push({ href: "/segments", label: t("segments") });
  if (can(user.role, "dashboard:read")) links.push({ href: "/dashboard", label: t("dashboard") });
  if (can(user.role, "workflow:read")) links.push({ href: "/workflows", label: tWorkflows("nav") });
  if (can(user.role, "outbox:read")) links.push({ href: "/outbox", label: tOutbox("nav") });
  if (can(user.role, "import:run")) links.push({ href: "/imports", label: tImports("nav") });
  if (can(user.role, "settings:manage")) links.push({ href: "/settings", label: t("settings") });
  if (can(user.role, "user:manage")) links.push({ href: "/admin/users", label: t("users") });
  if (can(user.role, "apikey:manage")) links.push({ href: "/admin/api-keys", label: t("apiKeys") });
  if (can(user.role, "audit:read")) links.push({ href: "/admin/audit", label: t("audit") });
  return (
    <div className="min-h-screen">
      <AppHeader links={links} userName={user.name} roleLabel={t(`roles.${user.role}`)} />
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
