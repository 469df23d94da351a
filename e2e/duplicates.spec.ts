import { captureServerAction, expect, replayServerAction, signInAs, test } from "./fixtures";

// A duplicate of the showcase business customer Thomas Müller (seeded with orders; no other journey uses him):
// the same name in other letter case and the same phone written without spaces.
const SURVIVOR = "Thomas Müller";
const TWIN = "thomas müller";
const SURVIVOR_PHONE = "+49 40 1234567";

test.describe("merging duplicates as an admin", () => {
  test("finds a duplicate, compares both side by side, picks values, merges, and lands on the survivor with both customers' orders and notes", async ({ page, loginAs, browser, baseURL }) => {
    await loginAs("ADMIN");
    const stamp = Date.now() % 1_000_000;
    const email = `t.mueller.${stamp}@example.com`;
    const note = `Second account opened at the trade fair (${stamp}).`;

    await page.goto("/customers/new");
    const form = page.getByRole("form", { name: "Create customer" });
    await form.getByLabel("Name", { exact: true }).fill(TWIN);
    await form.getByLabel("Email", { exact: true }).fill(email);
    await form.getByLabel("Phone", { exact: true }).fill("+49401234567");
    await form.getByLabel("Tags", { exact: true }).fill("trade fair");
    await form.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: TWIN, exact: true })).toBeVisible();
    const twinPath = new URL(page.url()).pathname;
    const noteForm = page.getByRole("form", { name: "Add a note" });
    await noteForm.getByLabel("Note", { exact: true }).fill(note);
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(noteForm.getByRole("status")).toHaveText("Note added.");
    // Its profile already points at the customer it duplicates (for those who may merge).
    await expect(page.getByRole("complementary", { name: "Possible duplicates" }).getByRole("link", { name: `Compare with ${SURVIVOR}`, exact: true })).toBeVisible();

    // The list of likely duplicates, from the customers page.
    await page.goto("/customers");
    await page.getByRole("link", { name: "Duplicates", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Possible duplicates" })).toBeVisible();
    const row = page.getByRole("table", { name: "Possible duplicates" }).getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Same name and phone");
    await row.getByRole("link", { name: `Compare ${SURVIVOR} and ${TWIN}`, exact: true }).click();

    // Side by side: what each has, then a choice per field.
    await expect(page.getByRole("heading", { level: 1, name: "Compare and merge" })).toBeVisible();
    const facts = page.getByRole("table", { name: "What each customer has" });
    const survivorOrders = Number((await facts.getByRole("row", { name: /^Orders/ }).getByRole("cell").first().innerText()).replace(/\D/g, ""));
    expect(survivorOrders).toBeGreaterThan(0);
    await expect(facts.getByRole("row", { name: /^Notes/ }).getByRole("cell").nth(1)).toHaveText("1");

    const merge = page.getByRole("form", { name: "Merge customers" });
    await expect(merge.getByRole("radio", { name: `Keep customer 1: ${SURVIVOR}`, exact: true })).toBeChecked();
    await expect(merge.getByRole("group", { name: "Name", exact: true }).getByRole("radio", { name: `Customer 1: ${SURVIVOR}`, exact: true })).toBeChecked();
    await expect(merge.getByRole("group", { name: "Phone", exact: true }).getByRole("radio", { name: `Customer 1: ${SURVIVOR_PHONE}`, exact: true })).toBeChecked();
    // Keep the twin's email address; tags of both are kept by default.
    await merge.getByRole("group", { name: "Email", exact: true }).getByRole("radio", { name: `Customer 2: ${email}`, exact: true }).check();
    await expect(merge.getByRole("group", { name: "Tags", exact: true }).getByRole("radio", { name: /^Both customers' tags: .*trade fair/ })).toBeChecked();
    await expect(merge.getByRole("region", { name: "What happens" })).toContainText(`Customer 2 (${TWIN}) is merged into customer 1 (${SURVIVOR}): no orders, 1 note and no tasks move over`);

    page.once("dialog", (dialog) => void dialog.accept());
    const action = await captureServerAction(page, () => merge.getByRole("button", { name: "Merge customers" }).click());

    // The survivor's profile: its own orders, the twin's note, the chosen email and both customers' tags.
    await expect(page.getByRole("heading", { level: 1, name: SURVIVOR, exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
    expect(new URL(page.url()).pathname).not.toBe(twinPath);
    await expect(page.getByRole("list", { name: "Timeline" }).getByText(note)).toBeVisible();
    await expect(page.getByRole("region", { name: "Contact" })).toContainText(email);
    await expect(page.getByText("trade fair", { exact: true })).toBeVisible();
    const ordersHeading = page.getByRole("heading", { name: /^Orders \([\d,.]+\)$/ });
    expect(Number((await ordersHeading.innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(survivorOrders);

    // The twin is gone, and no longer listed as a duplicate.
    expect((await page.goto(twinPath))?.status()).toBe(404);
    await page.goto("/customers/duplicates");
    await expect(page.getByRole("heading", { level: 1, name: "Possible duplicates" })).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);

    // An agent replaying the admin's merge request is refused by the server before anything else is looked at
    // (an admin replaying it would be told the merged customer no longer exists).
    const agent = await browser.newContext({ baseURL });
    await signInAs(agent, "AGENT", baseURL!);
    const replayed = await replayServerAction(agent, action);
    expect(replayed).toContain("errors.forbidden");
    expect(replayed).not.toContain("errors.notFound");
    await agent.close();
  });
});

test.describe("duplicates for a support agent", () => {
  test("no Duplicates link, and the duplicates pages answer 403", async ({ page, loginAs }) => {
    await loginAs("AGENT");
    await page.goto("/customers");
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Duplicates", exact: true })).toHaveCount(0);
    for (const path of ["/customers/duplicates", "/customers/duplicates/compare?a=00000000-0000-4000-8000-000000000001&b=00000000-0000-4000-8000-000000000002"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });
});
