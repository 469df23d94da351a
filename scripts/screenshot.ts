/**
 * Regenerates the README's screenshot from a running app (`npm start` first):
 *   npx tsx scripts/screenshot.ts [http://127.0.0.1:3000]
 * Signs in through the form as the demo agent and captures a showcase customer's profile.
 */
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/factories/users";
import { findChromium } from "./run/browser";

const baseURL = process.argv[2] ?? "http://127.0.0.1:3000";
const executable = findChromium();
if (!executable) throw new Error("No Chromium found (see README: npm test).");

const browser = await chromium.launch({
  executablePath: executable === "playwright" ? undefined : executable,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const page = await browser.newPage({ baseURL, viewport: { width: 1360, height: 1180 }, locale: "en-GB" });
await page.goto("/login");
await page.getByLabel("Email").fill("agent@example.com");
await page.getByLabel("Password").fill(DEMO_PASSWORD);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { name: "Customers" }).waitFor();
await page.goto("/customers?q=greta.lindqvist");
await page.getByRole("link", { name: "Greta Lindqvist" }).click();
await page.getByRole("heading", { level: 1, name: "Greta Lindqvist" }).waitFor();
const file = path.resolve(import.meta.dirname, "../docs/screenshot-profile.png");
await page.screenshot({ path: file });
await browser.close();
console.log(`Saved ${path.relative(process.cwd(), file)}`);
