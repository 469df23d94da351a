import type { Page } from "@playwright/test";
import { captureServerAction, expect, replayServerAction, signInAs, test } from "./fixtures";

const WORKFLOW = "VIP welcome (e2e)";

/** The run counts on a workflow's run page, read after a reload (the page is rendered on the server). */
async function runCounts(page: Page): Promise<Record<"total" | "SCHEDULED" | "RUNNING" | "HELD" | "COMPLETED" | "STOPPED" | "FAILED", number>> {
  await page.reload();
  const region = page.getByRole("region", { name: "Run counts" });
  const count = async (label: string) => Number((await region.getByRole("link").filter({ hasText: label }).locator("span").nth(1).innerText()).replace(/[^0-9]/g, ""));
  return {
    total: await count("All runs"),
    SCHEDULED: await count("Scheduled"),
    RUNNING: await count("Running"),
    HELD: await count("Held"),
    COMPLETED: await count("Completed"),
    STOPPED: await count("Stopped"),
    FAILED: await count("Failed"),
  };
}

/** Where `link` (an "Older …" link) points, or null on the last page. */
async function olderPage(page: Page, name: string): Promise<string | null> {
  const older = page.getByRole("link", { name, exact: true });
  return (await older.count()) === 0 ? null : await older.getAttribute("href");
}

const customerIdsIn = (links: ReturnType<Page["locator"]>) => links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")!.split("/").pop()!));

/** The customers of every run in the workflow's run history, page by page. */
async function runCustomerIds(page: Page): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    ids.push(...(await customerIdsIn(page.getByRole("table", { name: "Runs" }).locator('a[href^="/customers/"]'))));
    const next = await olderPage(page, "Older runs");
    if (!next) return ids;
    await page.goto(next);
  }
}

/** How many outbox emails with this subject each customer got, page by page. */
async function emailsPerCustomer(page: Page, subject: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await page.goto("/outbox");
  for (;;) {
    const rows = page.getByRole("table", { name: "Outbox" }).getByRole("row").filter({ hasText: subject });
    for (const id of await customerIdsIn(rows.locator('a[href^="/customers/"]'))) counts.set(id, (counts.get(id) ?? 0) + 1);
    const next = await olderPage(page, "Older emails");
    if (!next) return counts;
    await page.goto(next);
  }
}

async function openWorkflowRuns(page: Page) {
  await page.goto("/workflows");
  await page.getByRole("table", { name: "Workflows" }).getByRole("link", { name: WORKFLOW, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: WORKFLOW })).toBeVisible();
}

test.describe.serial("segment workflows", () => {
  test("a manager builds a VIP welcome; when an admin lowers the VIP line, every new VIP gets the tier, the email and the task once", async ({ page, browser, baseURL, loginAs }) => {
    test.setTimeout(120_000);
    await loginAs("MANAGER");
    await page.goto("/workflows");
    await page.getByRole("link", { name: "New workflow" }).first().click();
    const form = page.getByRole("form", { name: "Workflow" });
    await form.getByLabel("Name", { exact: true }).fill(WORKFLOW);
    await form.getByLabel("Segment").selectOption({ label: "VIP" });
    await form.getByLabel("Trigger").selectOption({ label: "Enters the segment" });

    await form.getByLabel("Add step").selectOption({ label: "Set discount tier" });
    const tier = form.getByRole("group", { name: "Step 1: Set discount tier" });
    await tier.getByLabel("Tier name").fill("gold");
    await form.getByLabel("Add step").selectOption({ label: "Send email" });
    const email = form.getByRole("group", { name: "Step 2: Send email" });
    await email.getByLabel("Subject").fill("Welcome to gold, {{customer.firstName}}");
    await email.getByLabel("Message").fill("Thank you, {{customer.name}}. Your price list is {{discountTier}} from today.\n\n{{unsubscribeUrl}}");
    await form.getByLabel("Add step").selectOption({ label: "Create task" });
    const task = form.getByRole("group", { name: "Step 3: Create task" });
    await task.getByLabel("Task title").fill("Welcome call for a new VIP");
    await task.getByLabel("Due in (days)").fill("2");
    await form.getByRole("button", { name: "Save workflow" }).click();
    await expect(page).toHaveURL(/\/workflows$/);
    const row = page.getByRole("table", { name: "Workflows" }).getByRole("row").filter({ hasText: WORKFLOW });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("3 steps");

    // An admin lowers the VIP line (without "don't trigger workflows"): the newcomers enter the segment.
    const admin = await browser.newContext({ baseURL });
    await signInAs(admin, "ADMIN", baseURL!);
    const adminPage = await admin.newPage();
    await adminPage.goto("/settings");
    const settings = adminPage.getByRole("form", { name: "CLV settings" });
    await settings.getByLabel("Becomes VIP in the top (%)").fill("25");
    await settings.getByLabel("Stays VIP in the top (%)").fill("30");
    await settings.getByRole("button", { name: "Preview changes" }).click();
    const preview = settings.getByRole("status", { name: "If you save these settings" });
    await expect(preview).toContainText(/\d+ customers would become VIP/);
    const entering = Number((await preview.innerText()).match(/(\d+) customers would become VIP/)![1]);
    expect(entering).toBeGreaterThan(0);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByText(/Settings saved\./)).toBeVisible();
    // A read-only API key, to look up each newcomer's email and consent below.
    await adminPage.goto("/admin/api-keys");
    const keyForm = adminPage.getByRole("form", { name: "Create an API key" });
    await keyForm.getByLabel("Name").fill(`Welcome check ${Date.now() % 100000}`);
    await keyForm.getByLabel("Scope").selectOption({ label: "Read only" });
    await keyForm.getByRole("button", { name: "Create key" }).click();
    const apiKey = (await keyForm.getByLabel("New API key").innerText()).trim();

    // The worker enrols every newcomer (in batches, as their entries settle) and runs them all; nothing is left
    // waiting, nothing failed.
    await openWorkflowRuns(page);
    await expect
      .poll(
        async () => {
          const counts = await runCounts(page);
          return counts.total >= entering && counts.COMPLETED === counts.total;
        },
        { timeout: 60_000, intervals: [500, 1000, 2000] },
      )
      .toBe(true);
    const counts = await runCounts(page);
    expect(counts.total).toBeGreaterThanOrEqual(entering);
    expect(counts.FAILED).toBe(0);

    // One run per newcomer; one welcome email for each newcomer with an address and marketing consent, none for
    // the others.
    const newcomers = await runCustomerIds(page);
    expect(newcomers).toHaveLength(counts.total);
    expect(new Set(newcomers).size).toBe(newcomers.length);
    const reachable: string[] = [];
    for (const id of newcomers) {
      const response = await admin.request.get(`/api/v1/customers/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status()).toBe(200);
      const customer = (await response.json()) as { email: string | null; marketingConsent: boolean };
      if (customer.email && customer.marketingConsent) reachable.push(id);
    }
    expect(reachable.length).toBeGreaterThan(0);
    const welcomes = await emailsPerCustomer(page, "Welcome to gold,");
    expect([...welcomes.keys()].sort()).toEqual([...reachable].sort());
    expect([...welcomes.values()].every((count) => count === 1)).toBe(true);
    await admin.close();

    // A sample of newcomers, on their profiles: the welcome task once, for their owner (or, without an owner, for
    // someone). The integration tests check this for every run; opening hundreds of profiles here would only be slow.
    for (const id of newcomers.slice(0, 12)) {
      await page.goto(`/customers/${id}`);
      const contact = page.getByRole("region", { name: "Contact" });
      const owner = (await contact.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Owner$/ }) }).locator("dd").innerText()).trim();
      const task = page.getByRole("region", { name: "Tasks" }).getByRole("listitem").filter({ hasText: "Welcome call for a new VIP" });
      await expect(task, id).toHaveCount(1);
      await expect(task, id).toContainText(owner === "—" ? " · " : ` · ${owner}`);
    }
    await openWorkflowRuns(page);

    // One of them, on their profile: the tier, the task for their owner, the run on the timeline.
    const runs = page.getByRole("table", { name: "Runs" });
    const customerLink = runs.getByRole("row").nth(1).getByRole("link").first();
    const customerName = (await customerLink.innerText()).trim();
    await customerLink.click();
    await expect(page.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
    await expect(page.getByText("Price tier: gold")).toBeVisible();
    await expect(page.getByRole("region", { name: "Tasks" })).toContainText("Welcome call for a new VIP");
    await expect(page.getByRole("region", { name: "Workflows" })).toContainText(WORKFLOW);
    await expect(page.getByRole("list", { name: "Timeline" }).getByText(`Workflow “${WORKFLOW}” completed`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Timeline" }).getByText(`Workflow “${WORKFLOW}”: set discount tier — done`)).toBeVisible();
    expect(await page.getByRole("region", { name: "Tasks" }).getByText("Welcome call for a new VIP").count()).toBe(1);

    // The emails went to the outbox (no SMTP here): one per consenting newcomer, each readable as plain text.
    await page.goto("/outbox");
    const outbox = page.getByRole("table", { name: "Outbox" });
    const welcome = outbox.getByRole("row").filter({ hasText: "Welcome to gold," });
    expect(await welcome.count()).toBeGreaterThan(0);
    await welcome.first().getByRole("link").first().click();
    await expect(page.getByText(/Your price list is gold from today\./)).toBeVisible();
    // With a working unsubscribe link to this app (the worker signs it with the web server's secret).
    await expect(page.getByText(new RegExp(`${baseURL!.replace(/[.]/g, "\\.")}/unsubscribe\\?`))).toBeVisible();
  });

  test("pausing holds a run started by hand without losing it; resuming finishes it; an agent's replayed pause is refused", async ({ page, browser, baseURL, loginAs }) => {
    test.setTimeout(90_000);
    await loginAs("MANAGER");
    await page.goto("/workflows");
    await page.getByRole("button", { name: `Pause ${WORKFLOW}` }).click();
    await expect(page.getByText("Paused: runs wait where they are until you resume it.")).toBeVisible();

    await page.goto("/customers?q=jan.kowalski");
    await page.getByRole("link", { name: "Jan Kowalski" }).click();
    await page.getByRole("button", { name: "Run workflow…" }).click();
    const dialog = page.getByRole("dialog", { name: "Run workflow" });
    await dialog.getByLabel("Workflow").selectOption({ label: `${WORKFLOW} (paused — runs wait until it is active)` });
    await dialog.getByRole("button", { name: "Run now" }).click();
    await expect(dialog.getByRole("status")).toHaveText("1 run started.");

    await openWorkflowRuns(page);
    await expect.poll(async () => (await runCounts(page)).HELD, { timeout: 30_000 }).toBe(1);
    const before = await runCounts(page);

    await page.goto("/workflows");
    const resume = await captureServerAction(page, () => page.getByRole("button", { name: `Resume ${WORKFLOW}` }).click());
    await expect(page.getByText("Active again: 1 held run carries on.")).toBeVisible();
    await openWorkflowRuns(page);
    await expect.poll(async () => { const counts = await runCounts(page); return [counts.HELD, counts.COMPLETED]; }, { timeout: 30_000 }).toEqual([0, before.COMPLETED + 1]);
    await page.getByRole("link", { name: "Jan Kowalski" }).first().click();
    await expect(page.getByText("Price tier: gold")).toBeVisible();
    const janId = new URL(page.url()).pathname.split("/").pop()!;

    // The shop reads the tier through the API with a read-only key.
    const admin = await browser.newContext({ baseURL });
    await signInAs(admin, "ADMIN", baseURL!);
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/api-keys");
    const keyForm = adminPage.getByRole("form", { name: "Create an API key" });
    await keyForm.getByLabel("Name").fill(`Shop pricing ${Date.now() % 100000}`);
    await keyForm.getByLabel("Scope").selectOption({ label: "Read only" });
    await keyForm.getByRole("button", { name: "Create key" }).click();
    const secret = (await keyForm.getByLabel("New API key").innerText()).trim();
    const pricing = await admin.request.get(`/api/v1/customers/${janId}/pricing`, { headers: { authorization: `Bearer ${secret}` } });
    expect(pricing.status()).toBe(200);
    expect(await pricing.json()).toMatchObject({ customerId: janId, discountTier: "gold" });
    await admin.close();

    // The same request from an agent's session is refused on the server and changes nothing.
    const agent = await browser.newContext({ baseURL });
    await signInAs(agent, "AGENT", baseURL!);
    expect(await replayServerAction(agent, resume, (body) => body.replace("ACTIVE", "PAUSED"))).toContain("errors.forbidden");
    await agent.close();
    await page.goto("/workflows");
    await expect(page.getByRole("table", { name: "Workflows" }).getByRole("row").filter({ hasText: WORKFLOW })).toContainText("Active");
  });

  test("agents see runs on a profile but not the workflow pages; managers may not allow webhook hosts", async ({ page, browser, baseURL, loginAs }) => {
    await loginAs("AGENT");
    await page.goto("/customers?q=jan.kowalski");
    await page.getByRole("link", { name: "Jan Kowalski" }).click();
    await expect(page.getByRole("region", { name: "Workflows" })).toContainText(WORKFLOW);
    await expect(page.getByRole("button", { name: "Run workflow…" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Workflows", exact: true })).toHaveCount(0);
    for (const path of ["/workflows", "/workflows/new", "/workflows/webhook-hosts"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }

    const manager = await browser.newContext({ baseURL });
    await signInAs(manager, "MANAGER", baseURL!);
    const managerPage = await manager.newPage();
    const response = await managerPage.goto("/workflows/webhook-hosts");
    expect(response?.status()).toBe(403);
    await manager.close();
  });
});
