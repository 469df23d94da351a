import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { CATALOGS, type MessageTree as Tree } from "./catalogs";
import { LOCALES } from "./locales";
import { scanMessageKeys } from "./message-key-scanner";

const en = CATALOGS.en;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

/** Argument names and, per plural argument, the categories it covers. */
function shape(message: string, locale: string) {
  const args = new Set<string>();
  const plurals: Record<string, string[]> = {};
  const walk = (elements: unknown[]) => {
    for (const element of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      if (element.value && element.type !== 0) args.add(element.value);
      if (element.options) {
        if (element.type === 6 && element.value) plurals[element.value] = Object.keys(element.options).filter((key) => !key.startsWith("="));
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return { args: [...args].sort(), plurals };
}

const english = flatten(en);

const ROOT = path.resolve(import.meta.dirname, "..");

/** The app's own source files (not tests, not generated code). */
function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
}

/** Every message group: "profile", "profile.timeline", … */
const englishGroups = new Set([...english.keys()].flatMap((key) => key.split(".").slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join("."))));

describe("translations", () => {
  it("every message key the code asks for exists in English (a static scan of t(\"…\") calls)", () => {
    const uses = ["app", "components", "lib"].flatMap(sourceFiles).flatMap((file) => scanMessageKeys(path.relative(ROOT, file), readFileSync(file, "utf8")));
    // The scan must see the code: a scanner that finds nothing would pass trivially.
    expect(uses.length).toBeGreaterThan(500);
    const missing = uses
      .filter((use) => (use.isPrefix ? !englishGroups.has(use.key) : !english.has(use.key) && !englishGroups.has(use.key)))
      .map((use) => `${use.file}:${use.line} ${use.isPrefix ? `${use.key}.…` : use.key}`);
    expect(missing).toEqual([]);
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))("%s has exactly the English message keys", (locale) => {
    const keys = [...flatten(CATALOGS[locale]!).keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)("every %s message parses and uses the same arguments as English", (locale) => {
    for (const [key, message] of flatten(CATALOGS[locale]!)) {
      const englishMessage = english.get(key);
      if (englishMessage === undefined) continue;
      expect(shape(message, locale).args, `${locale}: ${key}`).toEqual(shape(englishMessage, "en").args);
    }
  });

  it.each(LOCALES)("plural messages in %s cover every plural category of the language", (locale) => {
    const required = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.filter((category) => category !== "other" || locale !== "pl");
    for (const [key, message] of flatten(CATALOGS[locale]!)) {
      for (const [argument, categories] of Object.entries(shape(message, locale).plurals)) {
        for (const category of required) expect(categories, `${locale}: ${key} {${argument}} lacks "${category}"`).toContain(category);
      }
    }
  });
});
