/**
 * Every server action and route handler asks the authorisation module on the server (hiding a button is not
 * authorisation). A new entry point that does not fails here until it calls authorize / requirePageUser (or is
 * an API endpoint behind handle()), or is added to the allowlist below with the reason it may be public.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanEntryPoints } from "./entry-point-scan";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** "file#export": public on purpose. */
const PUBLIC_ENTRY_POINTS = new Map([
  // The link in a workflow email: its signed token is the only authorisation, and it only ever withdraws consent.
  ["app/(auth)/unsubscribe/actions.ts#unsubscribeAction", "signed unsubscribe token"],
  // The language switch on the sign-in page works signed out; a signed-in user's choice is saved for that user only.
  ["components/i18n/actions.ts#changeLanguage", "language switch"],
  // The REST API's description, generated from its schemas; no data.
  ["app/api/v1/openapi.json/route.ts#GET", "OpenAPI document"],
  // next-auth's own endpoints: sign-in (throttled in lib/auth/sign-in.ts), sign-out, session, CSRF token.
  ["app/api/auth/[...nextauth]/route.ts#GET", "next-auth"],
  ["app/api/auth/[...nextauth]/route.ts#POST", "next-auth"],
]);

function sourceFiles(): string[] {
  return ["app", "components", "lib"].flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.parentPath.includes(`${path.sep}generated`))
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name))),
  );
}

describe("authorisation of server entry points", () => {
  const entryPoints = sourceFiles().flatMap((file) => scanEntryPoints(file, readFileSync(path.join(ROOT, file), "utf8")).map((entry) => ({ ...entry, id: `${file}#${entry.name}` })));

  it("finds the app's actions and routes (a scan that sees nothing would pass trivially)", () => {
    expect(entryPoints.filter((entry) => entry.kind === "action").length).toBeGreaterThan(20);
    expect(entryPoints.filter((entry) => entry.kind === "route").length).toBeGreaterThan(20);
  });

  it("every exported server action and route handler calls the authorisation module, or is public on purpose", () => {
    const unauthorised = entryPoints.filter((entry) => !entry.isAuthorised && !PUBLIC_ENTRY_POINTS.has(entry.id)).map((entry) => `${entry.id} (line ${entry.line})`);
    expect(unauthorised).toEqual([]);
  });

  it("the allowlist names only entry points that exist and need it", () => {
    const stale = [...PUBLIC_ENTRY_POINTS.keys()].filter((id) => !entryPoints.some((entry) => entry.id === id && !entry.isAuthorised));
    expect(stale).toEqual([]);
  });
});

describe("the entry point scan", () => {
  const scan = (file: string, source: string) => scanEntryPoints(file, source).map(({ name, kind, isAuthorised }) => ({ name, kind, isAuthorised }));

  it("finds a \"use server\" file's exported actions and tells which ask authorize", () => {
    const source = `"use server";
      import { authorize } from "@/lib/auth/session";
      export async function safe(form: FormData) { const user = await authorize("customer:update"); return user; }
      export async function unsafe(form: FormData) { return deleteEverything(); }
      export const arrow = async () => { await authorize("note:create"); };
      async function notExported() {}`;
    expect(scan("app/x/actions.ts", source)).toEqual([
      { name: "safe", kind: "action", isAuthorised: true },
      { name: "unsafe", kind: "action", isAuthorised: false },
      { name: "arrow", kind: "action", isAuthorised: true },
    ]);
  });

  it("counts a call through a local helper, however deep, but not a look-alike function of the same name", () => {
    const viaHelper = `"use server";
      import { authorize as check } from "@/lib/auth/session";
      const manager = () => check("segment:manage");
      async function guard() { return manager(); }
      export async function save() { await guard(); }`;
    expect(scan("a.ts", viaHelper)).toEqual([{ name: "save", kind: "action", isAuthorised: true }]);
    const lookAlike = `"use server";
      async function authorize() { return true; }
      export async function save() { await authorize(); }`;
    expect(scan("a.ts", lookAlike)).toEqual([{ name: "save", kind: "action", isAuthorised: false }]);
  });

  it("finds route handlers, wrapped or behind the API's handle(), and exported aliases", () => {
    const source = `
      import { authorize } from "@/lib/auth/session";
      import { handle } from "@/lib/api/endpoint";
      export const GET = withRouteErrors(async () => { await authorize("customer:export"); });
      export const POST = handle(createOrder, async () => ({}));
      export async function DELETE() { return new Response(null); }
      const handler = open();
      export { handler as PATCH };
      export const dynamic = "force-dynamic";`;
    expect(scan("app/api/x/route.ts", source)).toEqual([
      { name: "GET", kind: "route", isAuthorised: true },
      { name: "POST", kind: "route", isAuthorised: true },
      { name: "DELETE", kind: "route", isAuthorised: false },
      { name: "PATCH", kind: "route", isAuthorised: false },
    ]);
  });

  it("finds inline server actions in pages", () => {
    const source = `import { requirePageUser } from "@/lib/auth/session";
      export default async function Page() {
        async function rename(form: FormData) { "use server"; await db.rename(form); }
        async function guarded(form: FormData) { "use server"; await requirePageUser("user:manage"); }
        return null;
      }`;
    expect(scan("app/x/page.tsx", source)).toEqual([
      { name: "rename", kind: "action", isAuthorised: false },
      { name: "guarded", kind: "action", isAuthorised: true },
    ]);
  });
});
