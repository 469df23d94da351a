/**
 * The app's server pages and components rendered to HTML outside Next.js, for the tests: one mutable
 * `pageContext` (the reader's locale and role, and the permissions the pages asked for) that the mocks of
 * next-intl/server, the session and next/navigation answer from, and `renderPage`, which awaits the async server
 * components and renders the tree inside the client components' message provider, failing on a missing message
 * or on NaN, undefined, Infinity or an unfilled {placeholder} in the HTML.
 *
 * vi.mock calls are hoisted above a test file's imports, and a factory runs as soon as anything imports the module it
 * replaces (lib/actions/action-state imports next/navigation, say), which may be before this module's static import
 * has been evaluated. So a test file takes the factories through vi.hoisted, which runs before both:
 *
 *   const { navigationMock, nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
 *   vi.mock("next-intl/server", () => nextIntlServerMock());
 *
 * and the rest by a plain import (the same module instance). That is safe because this module imports none of the
 * modules it stands in for.
 */
import { cloneElement, createElement, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { createFormatter, createTranslator } from "use-intl/core";
import { expect } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import type { LOCALES } from "@/i18n/locales";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { DEMO_USERS } from "@/prisma/factories/users";

export type Locale = (typeof LOCALES)[number];

const TIME_ZONE = "Europe/Berlin";

/** What the mocks answer with. Each test file has its own copy of this module, so a file sets it freely. */
export const pageContext = {
  locale: "en" as Locale,
  /** The signed-in demo user's role. */
  role: "ADMIN" as Role,
  /** What each `requirePageUser` call asked for, in order (undefined: being signed in was enough). */
  askedPermissions: [] as (Permission | undefined)[],
};

/** next-intl/server speaking `pageContext.locale`; a message key missing from the catalogue throws. */
export function nextIntlServerMock() {
  return {
    getLocale: async () => pageContext.locale,
    getFormatter: async () => createFormatter({ locale: pageContext.locale, timeZone: TIME_ZONE }),
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: pageContext.locale,
        messages: CATALOGS[pageContext.locale] as never,
        namespace: namespace as never,
        timeZone: TIME_ZONE,
        onError: (error) => {
          throw error;
        },
      }),
  };
}

const signedInUser = () => ({ ...DEMO_USERS.find((user) => user.role === pageContext.role)!, isActive: true });

/**
 * @/lib/auth/session with the demo user of `pageContext.role` signed in, refusing what the role may not do as the
 * real one does: a page gets `forbidden()` (thrown as in `navigationMock`), an action a FORBIDDEN AppError.
 */
export function sessionMock() {
  return {
    getCurrentUser: async () => signedInUser(),
    requirePageUser: async (permission?: Permission) => {
      pageContext.askedPermissions.push(permission);
      if (permission && !can(pageContext.role, permission)) throw new Error("forbidden");
      return signedInUser();
    },
    authorize: async (permission: Permission) => {
      if (!can(pageContext.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this action.");
      return signedInUser();
    },
  };
}

/** next/navigation for a render without a router: notFound, forbidden and redirect throw what they were asked. */
export function navigationMock() {
  return {
    useRouter: () => ({ push: () => {}, replace: () => {}, refresh: () => {} }),
    usePathname: () => "/",
    useSearchParams: () => new URLSearchParams(),
    notFound: () => {
      throw new Error("notFound");
    },
    forbidden: () => {
      throw new Error("forbidden");
    },
    redirect: (to: string) => {
      throw new Error(`redirect ${to}`);
    },
    unstable_rethrow: () => {},
  };
}

/** Awaits the async server components down the tree, as React does on the server. */
export async function resolveServerTree(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolveServerTree));
  if (!isValidElement(node)) return node;
  const element = node as ReactElement<{ children?: ReactNode }>;
  if (typeof element.type === "function" && element.type.constructor.name === "AsyncFunction") {
    return resolveServerTree(await (element.type as (props: unknown) => Promise<ReactNode>)(element.props));
  }
  const { children } = element.props;
  if (children === undefined) return element;
  // Static children go back as arguments (as JSX passes them), so React does not ask them for keys.
  return Array.isArray(children)
    ? cloneElement(element, undefined, ...(await Promise.all(children.map(resolveServerTree))))
    : cloneElement(element, undefined, await resolveServerTree(children));
}

type RenderOptions = {
  /** Signs in the demo user of this role first (otherwise `pageContext.role` stays as it is). */
  role?: Role;
  /** The page shows workflow template variables ({{discountTier}}) on purpose: doubled braces are no unfilled placeholder. */
  showsTemplateVariables?: boolean;
};

const BROKEN_VALUE = /NaN|undefined|Infinity|\{[a-zA-Z]+\}/;
const BROKEN_VALUE_BESIDE_TEMPLATE_VARIABLES = /NaN|undefined|Infinity|(?<!\{)\{[a-zA-Z]+\}(?!\})/;

/**
 * Renders a page or component to HTML in `locale`. `page` is called once the locale is set, so every translator in
 * the tree speaks that language; the client components get the same catalogue, and a message missing there fails.
 */
export async function renderPage(page: () => ReactNode | Promise<ReactNode>, locale: Locale = "en", { role, showsTemplateVariables = false }: RenderOptions = {}): Promise<string> {
  pageContext.locale = locale;
  if (role) pageContext.role = role;
  const missing: string[] = [];
  const tree = await resolveServerTree(await page());
  const providerProps: ComponentProps<typeof NextIntlClientProvider> = { locale, messages: CATALOGS[locale], timeZone: TIME_ZONE, onError: (error) => void missing.push(error.message), children: null };
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, providerProps, tree));
  expect(missing).toEqual([]);
  expect(html).not.toMatch(showsTemplateVariables ? BROKEN_VALUE_BESIDE_TEMPLATE_VARIABLES : BROKEN_VALUE);
  return html;
}

/** The visible text of some HTML: tags dropped, entities decoded, spaces squeezed. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[\s\u00a0\u202f]+/g, " ");
