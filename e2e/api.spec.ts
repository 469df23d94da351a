import { expect, test } from "./fixtures";

test.describe("a shop using the REST API", () => {
  test("an admin creates a key; the shop pushes an order with it and the customer's figures update", async ({ page, loginAs, playwright, baseURL }) => {
    await loginAs("ADMIN");
    await page.goto("/admin/api-keys");
    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByLabel("Name").fill(`Web shop ${Date.now() % 100000}`);
    await form.getByLabel("Scope").selectOption({ label: "Read and write" });
    await form.getByLabel("Acts as").selectOption({ label: "Manager" });
    await form.getByRole("button", { name: "Create key" }).click();
    const secret = (await form.getByLabel("New API key").innerText()).trim();
    expect(secret).toMatch(/^wcrm_[0-9A-Za-z]{32}$/);

    const shop = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get("/api/v1/customers")).status()).toBe(401);

    const found = await shop.get("/api/v1/customers?externalId=C-100001");
    expect(found.status()).toBe(200);
    const greta = ((await found.json()) as { data: { id: string; name: string }[] }).data[0]!;
    expect(greta.name).toBe("Greta Lindqvist");
    const before = (await (await shop.get(`/api/v1/customers/${greta.id}/metrics`)).json()) as { historicalValueMinor: number };

    const order = { externalId: `WEB-E2E-${Date.now()}`, source: "shop", customerExternalId: "C-100001", placedAt: new Date().toISOString(), totalMinor: 4_990, lines: [{ sku: "BEAN-ETH", name: "Ethiopia Yirgacheffe 250 g", quantity: 1, unitPriceMinor: 4_990 }] };
    const created = await shop.post("/api/v1/orders", { data: order, headers: { "idempotency-key": order.externalId } });
    expect(created.status()).toBe(201);
    const repeat = await shop.post("/api/v1/orders", { data: order, headers: { "idempotency-key": order.externalId } });
    expect(repeat.status()).toBe(201);
    expect(repeat.headers()["idempotent-replayed"]).toBe("true");
    expect(((await repeat.json()) as { id: string }).id).toBe(((await created.json()) as { id: string }).id);

    const after = (await (await shop.get(`/api/v1/customers/${greta.id}/metrics`)).json()) as { historicalValueMinor: number };
    expect(after.historicalValueMinor).toBe(before.historicalValueMinor + 4_990);

    await page.goto(`/customers/${greta.id}`);
    await expect(page.getByRole("list", { name: "Timeline" }).getByText(`Placed order #${order.externalId} for €49.90`)).toBeVisible();
    await shop.dispose();
    await anonymous.dispose();
  });

  test("the API description is public and names the order endpoint", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v1/orders");
  });
});

test.describe("privacy for a manager", () => {
  test("exports everything about a customer, then erases the person", async ({ page, loginAs }) => {
    await loginAs("MANAGER");
    const name = `Erase Me ${Date.now() % 100000}`;
    await page.goto("/customers/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email", { exact: true }).fill(`erase.${Date.now()}@example.org`);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export data" }).click();
    const exported = JSON.parse(Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8")) as { profile: { name: string } };
    expect(exported.profile.name).toBe(name);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Erase personal data" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Erased customer" })).toBeVisible();
    await expect(page.getByRole("note")).toContainText("personal data was erased");
    await page.goto(`/customers?q=${encodeURIComponent(name)}`);
    await expect(page.getByText("No customers to show")).toBeVisible();
  });

  test("an agent can neither export nor erase", async ({ page, loginAs }) => {
    await loginAs("AGENT");
    await page.goto("/customers?q=jan.kowalski");
    await page.getByRole("link", { name: "Jan Kowalski" }).click();
    await expect(page.getByRole("link", { name: "Export data" })).toHaveCount(0);
    const id = page.url().split("/customers/")[1]!;
    expect((await page.request.get(`/customers/${id}/export`)).status()).toBe(403);
    expect((await page.goto("/admin/api-keys"))?.status()).toBe(403);
  });
});
