"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import type { Route } from "next";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";

type NavLink = { href: string; label: string };

export function AppHeader({ links, userName, roleLabel }: { links: NavLink[]; userName: string; roleLabel: string }) {
  const t = useTranslations();
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/customers" className="text-base font-semibold tracking-tight text-slate-900">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="flex gap-1">
          {links.map((link) => {
            const isCurrent = pathname === link.href || pathname.startsWith(`${link.href}/`);
            return (
              <Link
                key={link.href}
                href={link.href as Route}
                aria-current={isCurrent ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${isCurrent ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {link.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitcher />
          <span className="text-sm text-slate-600">
            <span className="font-medium text-slate-900">{userName}</span> · {roleLabel}
          </span>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: "/login" })}
            className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            {t("nav.signOut")}
          </button>
        </div>
      </div>
    </header>
  );
}
