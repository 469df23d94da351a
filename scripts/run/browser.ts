/**
 * Which Chromium the end-to-end tests can use: CHROMIUM_PATH, Debian's /usr/bin/chromium (offline machines and
 * CI), or Playwright's own download. `undefined` when there is none.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export function findChromium(): string | "playwright" | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM;
  if (existsSync(candidate)) return candidate;
  try {
    if (existsSync(chromium.executablePath())) return "playwright";
  } catch {
    // Playwright has no browser of its own installed.
  }
  return undefined;
}
