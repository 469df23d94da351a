import { describe, expect, it } from "vitest";
import { scanMessageKeys } from "./message-key-scanner";

const keysIn = (source: string, file = "page.tsx") => scanMessageKeys(file, source).map((use) => (use.isPrefix ? `${use.key}.*` : use.key));

describe("the message key scanner", () => {
  it("reads keys with the namespace of useTranslations and getTranslations, also without a namespace", () => {
    const source = `
      export function A() { const t = useTranslations("customers"); return t("title"); }
      export async function B() { const t = await getTranslations("login"); const all = await getTranslations(); return [t("submit"), all("app.name")]; }
    `;
    expect(keysIn(source)).toEqual(["customers.title", "login.submit", "app.name"]);
  });

  it("keeps the translators of two components in one file apart, and a shadowing non-translator hides one", () => {
    const source = `
      function A() { const t = useTranslations("a"); return t("one"); }
      function B() { const t = useTranslations("b"); const inner = () => { const t = (key: string) => key; return t("not.a.message"); }; return [t("two"), inner()]; }
      function C() { return t("unknown"); }
    `;
    expect(keysIn(source)).toEqual(["a.one", "b.two"]);
  });

  it("reads translators from Promise.all by position", () => {
    const source = `async function P() {
      const [t, locale, tRoles, users] = await Promise.all([getTranslations("users"), getLocale(), getTranslations("nav.roles"), listUsers()]);
      return [t("title"), tRoles("ADMIN"), locale("x"), users("y")];
    }`;
    expect(keysIn(source)).toEqual(["users.title", "nav.roles.ADMIN"]);
  });

  it("reads parameters typed as translators, directly, through a type alias or in a destructured props type", () => {
    const source = `
      type Translate = Awaited<ReturnType<typeof getTranslations<"profile.timeline">>>;
      function One(t: Translate) { return t("title"); }
      function Two({ t, other }: { t: ReturnType<typeof useTranslations<"value">>; other: string }) { return [t("fields.totalClv"), other("x")]; }
      function Three({ t: translate }: { t: Translate }) { return translate("empty"); }
    `;
    expect(keysIn(source)).toEqual(["profile.timeline.title", "value.fields.totalClv", "profile.timeline.empty"]);
  });

  it("reads both arms of a conditional, casts, t.rich, and the fixed group of a template literal", () => {
    const source = `function A({ kind, done }: { kind: string; done: boolean }) {
      const t = useTranslations("profile");
      return [t(done ? "done" : "open"), t("edit" as never), t.rich("privacy.erasedNotice", {}), t(\`stepTypes.\${kind}\` as "stepTypes.email"), t(\`\${kind}.x\`), t(kind)];
    }`;
    expect(keysIn(source)).toEqual(["profile.done", "profile.open", "profile.edit", "profile.privacy.erasedNotice", "profile.stepTypes.*"]);
  });

  it("gives the line of each use", () => {
    const uses = scanMessageKeys("x.ts", `const t = useTranslations("a");\n\nt("b");`);
    expect(uses).toEqual([{ file: "x.ts", line: 3, key: "a.b", isPrefix: false }]);
  });
});
