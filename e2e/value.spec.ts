import type { Page } from "@playwright/test";
import { captureServerAction, expect, replayServerAction, signInAs, test } from "./fixtures";

async function openCustomer(page: Page, search: string, name: string) {
  await page.goto(`/customers?q=${encodeURIComponent(search)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** The fields of one CSV line (RFC 4180 quoting; the exported lines have no embedded line breaks). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((match) => match[1]!.replace(/^"|"$/g, "").replaceAll('""', '"'));
}

async function matchCount(page: Page): Promise<number> {
  return Number((await page.getByText(/customers? match/).innerText()).replace(/[^0-9]/g, ""));
}

test.describe("customer value for a support agent", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("AGENT");
  });

  test("sees at a glance what a loyal customer is worth, how likely they stay, and why they are a VIP", async ({ page }) => {
    await openCustomer(page, "greta.lindqvist", "Greta Lindqvist");
    const panel = page.getByRole("region", { name: "Customer value" });
    for (const label of ["Total CLV", "Historical value", "Predicted value", "Simple formula", "Churn risk", "Expected next order", "RFM group"]) {
      await expect(panel.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(panel.getByText("Likely still a customer")).toBeVisible();
    await expect(panel.getByText(/\d+% chance still active/)).toBeVisible();
    const segments = panel.getByRole("list", { name: "Segments" });
    await expect(segments.getByRole("listitem").filter({ hasText: /^VIP/ })).toContainText(/total CLV €[\d,.]+ ≥ €[\d,.]+/);
    await expect(segments.getByRole("listitem").filter({ hasText: "Champions" })).toContainText(/R \d · F \d · M \d/);
    // No number on the panel is missing or NaN.
    await expect(panel).not.toContainText("NaN");
  });

  test("sees a valuable customer who stopped buying as an at-risk VIP, with the reason", async ({ page }) => {
    await openCustomer(page, "hans.becker", "Hans Becker");
    const panel = page.getByRole("region", { name: "Customer value" });
    await expect(panel.getByText("Probably lost")).toBeVisible();
    const atRisk = panel.getByRole("list", { name: "Segments" }).getByRole("listitem").filter({ hasText: "At-risk VIP" });
    await expect(atRisk).toContainText(/VIP with P\(alive\) \d+% below 50%/);
    await expect(page.getByRole("list", { name: "Timeline" }).getByText("Entered segment At-risk VIP")).toBeVisible();
  });

  test("a customer without orders is told apart from one the model could not score", async ({ page }) => {
    const name = `No Orders ${Date.now()}`;
    await page.goto("/customers/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("region", { name: "Customer value" })).toContainText("No purchases yet, so there is nothing to predict.");
  });

  test("is refused the manager and admin pages, actions and routes of customer value", async ({ page, browser, baseURL }) => {
    for (const path of ["/segments", "/segments/new", "/dashboard", "/settings", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const run = await page.request.get("/api/clv/runs/00000000-0000-4000-8000-000000000001");
    expect(run.status()).toBe(403);

    // Replay a manager's bulk action with the agent's session: refused, nothing tagged.
    const manager = await browser.newContext({ baseURL });
    await signInAs(manager, "MANAGER", baseURL!);
    const managerPage = await manager.newPage();
    await managerPage.goto("/customers?q=kowalski");
    const bulk = managerPage.getByRole("group").filter({ hasText: "Change many customers" });
    await bulk.getByText("Change many customers").click();
    await managerPage.getByRole("form", { name: "Change many customers" }).getByRole("textbox", { name: "Tag" }).fill("agent-replay");
    managerPage.once("dialog", (dialog) => void dialog.accept());
    const [request] = await Promise.all([
      managerPage.waitForRequest((candidate) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"])),
      managerPage.getByRole("button", { name: /Apply to/ }).click(),
    ]);
    await manager.close();
    const body = request.postDataBuffer()!.toString("utf8").replace("agent-replay", "agent-was-here");
    const response = await page.request.post("/customers", { headers: { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"]!, accept: "text/x-component" }, data: body });
    expect(await response.text()).toContain("errors.forbidden");
    await page.goto("/customers?tag=agent-was-here");
    await expect(page.getByText("No customers to show")).toBeVisible();
  });

  test("is refused when replaying a manager's refund or a manager's new segment", async ({ page, browser, baseURL }) => {
    const manager = await browser.newContext({ baseURL });
    await signInAs(manager, "MANAGER", baseURL!);
    const managerPage = await manager.newPage();

    // A refund that the server refuses for the manager too (too large) is enough to learn the request's shape.
    await openCustomer(managerPage, "jan.kowalski", "Jan Kowalski");
    const orders = managerPage.getByRole("region", { name: /Orders/ });
    await orders.locator("summary").first().click();
    const refundForm = orders.getByRole("form", { name: /Refund on order #/ }).first();
    await refundForm.getByLabel("Refund amount").fill("999999");
    const refund = await captureServerAction(managerPage, () => refundForm.getByRole("button", { name: "Record refund" }).click());

    await managerPage.goto("/segments/new");
    const form = managerPage.getByRole("form", { name: "Segment rule" });
    await form.getByLabel("Name").fill("Replayed by an agent");
    await form.getByLabel("Value (condition 1)").fill("1");
    const create = await captureServerAction(managerPage, () => form.getByRole("button", { name: "Save segment" }).click());
    await expect(managerPage).toHaveURL(/\/segments$/);
    await manager.close();

    expect(await replayServerAction(page.context(), refund, (body) => body.replace("999999", "1"))).toContain("errors.forbidden");
    expect(await replayServerAction(page.context(), create, (body) => body.replace("Replayed by an agent", "Made by an agent"))).toContain("errors.forbidden");
    await openCustomer(page, "jan.kowalski", "Jan Kowalski");
    await expect(page.getByRole("form", { name: /Refund on order #/ })).toHaveCount(0);
  });
});

test.describe("customer value for a manager", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("MANAGER");
  });

  test("filters the at-risk VIPs, sorts them by CLV and exports exactly that view", async ({ page }) => {
    await page.goto("/customers");
    await page.getByRole("search", { name: "Filter customers" }).getByLabel("Segment").selectOption({ label: "At-risk VIP" });
    await expect(page).toHaveURL(/segment=at_risk_vip/);
    const table = page.getByRole("table", { name: "Customers" });
    await table.getByRole("button", { name: "Total CLV" }).click();
    await expect(page).toHaveURL(/sort=totalClv/);
    await expect(table).toHaveAttribute("aria-busy", "false");
    const count = await matchCount(page);
    expect(count).toBeGreaterThan(0);
    await expect(table.getByRole("link", { name: "Hans Becker" })).toBeVisible();

    // The totals row sits in the table's footer, its figures under the value columns.
    const totals = table.getByRole("row", { name: /^Total \(/ });
    await expect(totals).toContainText(`Total (${count} customer`);
    await expect(table.getByRole("row", { name: /^Average per customer/ })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const text = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
    const lines = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toContain("total_clv_minor");
    expect(lines).toHaveLength(count + 1);
    const totalColumn = csvFields(lines[0]!).indexOf("total_clv_minor");
    const values = lines.slice(1).map((line) => Number(csvFields(line)[totalColumn]));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  test("records a refund on an order and sees the customer's value follow at once", async ({ page }) => {
    await openCustomer(page, "jan.kowalski", "Jan Kowalski");
    const panel = page.getByRole("region", { name: "Customer value" });
    const historical = panel.locator("dt", { hasText: "Historical value" }).locator("xpath=following-sibling::dd[1]");
    const euros = async () => Number((await historical.innerText()).replace(/[^0-9.]/g, ""));
    const before = await euros();

    const orders = page.getByRole("region", { name: /Orders/ });
    await orders.locator("summary").first().click();
    const refund = orders.getByRole("form", { name: /Refund on order #/ }).first();
    await refund.getByLabel("Refund amount").fill("1000000");
    await refund.getByRole("button", { name: "Record refund" }).click();
    await expect(orders.getByText("A refund cannot be more than what is left to refund on this order.")).toBeVisible();

    await refund.getByLabel("Refund amount").fill("2.50");
    await refund.getByRole("button", { name: "Record refund" }).click();
    await expect(page.getByText("Refund recorded. The customer's value is updated.")).toBeVisible();
    await expect.poll(euros).toBeCloseTo(before - 2.5, 2);
  });

  test("tags the ticked customers in one go, after confirming", async ({ page }) => {
    await page.goto("/customers?segment=vip&sort=totalClv");
    const table = page.getByRole("table", { name: "Customers" });
    const rows = table.getByRole("row");
    await rows.nth(1).getByRole("checkbox").check();
    await rows.nth(2).getByRole("checkbox").check();
    const form = page.getByRole("form", { name: "Change many customers" });
    await expect(form.getByLabel("Apply to")).toHaveValue("selected");
    const tag = `vip-call-${Date.now() % 100000}`;
    await form.getByRole("textbox", { name: "Tag" }).fill(tag);
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain(`Add the tag “${tag}” to 2 customers?`);
      void dialog.accept();
    });
    await form.getByRole("button", { name: "Apply to 2 customers" }).click();
    await expect(form.getByRole("status")).toHaveText("2 customers changed.");
    await page.goto(`/customers?tag=${tag}`);
    expect(await matchCount(page)).toBe(2);
  });
});

test.describe("customer value settings for an admin", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("ADMIN");
  });

  test("previews and saves a lower VIP line; the VIP count, memberships, timeline and audit log follow", async ({ page }) => {
    await page.goto("/customers?segment=vip&sort=totalClv");
    const vipsBefore = await matchCount(page);

    await page.goto("/settings");
    const form = page.getByRole("form", { name: "CLV settings" });
    await form.getByLabel("Becomes VIP in the top (%)").fill("10");
    await form.getByLabel("Stays VIP in the top (%)").fill("12");
    await form.getByRole("button", { name: "Preview changes" }).click();
    const preview = form.getByRole("status", { name: "If you save these settings" });
    await expect(preview).toContainText(/\d+ customers would become VIP, none would stop being VIP\./);
    const entering = Number((await preview.innerText()).match(/(\d+) customers would become VIP/)![1]);
    expect(entering).toBeGreaterThan(0);

    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByText(/Settings saved\. \d+ segment memberships? changed\./)).toBeVisible();

    await page.goto("/customers?segment=vip&sort=totalClv");
    expect(await matchCount(page)).toBe(vipsBefore + entering);
    // The last VIP by value is one of the newcomers: their timeline says so.
    await page.goto(`/customers?segment=vip&sort=totalClv&dir=asc`);
    await page.getByRole("table", { name: "Customers" }).getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page.getByRole("list", { name: "Timeline" }).getByText("Entered segment VIP").first()).toBeVisible();

    await page.goto("/admin/audit");
    const entry = page.getByRole("row").filter({ hasText: "settings.update" }).first();
    await expect(entry).toContainText("vip.enterTopPercent: 5 → 10");
    await expect(entry).toContainText("Alex Admin");
  });

  test("recomputes everyone on demand, with a progress bar and the result", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Recompute now" }).click();
    await expect(page.getByRole("progressbar", { name: "Recompute progress" })).toBeVisible();
    await expect(page.getByText(/Done: [\d,]+ customers scored/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("progressbar", { name: "Recompute progress" })).toHaveAttribute("aria-valuenow", "100");
  });

  test("refuses invalid settings next to the field and saves nothing", async ({ page }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "CLV settings" });
    await form.getByLabel("Horizon (months)").fill("0");
    await form.getByLabel("Lost below P(alive) (%)").fill("80");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByText("Enter a whole number of months from 1 to 60.")).toBeVisible();
    await expect(form.getByText("The lost line must be below the at-risk line.")).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByRole("form", { name: "CLV settings" }).getByLabel("Horizon (months)")).toHaveValue("12");
  });

  test("a manager cannot open the settings or start a recompute", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    await signInAs(context, "MANAGER", baseURL!);
    const page = await context.newPage();
    expect((await page.goto("/settings"))?.status()).toBe(403);
    expect((await page.request.get("/api/clv/runs/00000000-0000-4000-8000-000000000001")).status()).toBe(403);
    await context.close();
  });
});
