import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "imports");
const CUSTOMERS_FILE = path.join(FIXTURES, "customers.csv");
const ORDERS_FILE = path.join(FIXTURES, "orders.csv");

type Counts = { read: number; accepted: number; unchanged: number; rejected: number };

/** Upload a file on /imports and land on the mapping step. */
async function upload(page: Page, kind: "Customers" | "Orders", file: string) {
  await page.goto("/imports");
  const form = page.getByRole("form", { name: "Upload a file" });
  await form.getByRole("radio", { name: kind }).check();
  await form.getByLabel("CSV file").setInputFiles(file);
  await form.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Map columns" })).toBeVisible();
}

/** Start the import from the mapping step and wait on its page until the worker has finished it. */
async function startAndWait(page: Page, fileName: string): Promise<Counts> {
  await page.getByRole("form", { name: "Column mapping" }).getByLabel("Don't trigger workflows").check();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Import of ${fileName}` })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Result" })).toBeVisible();
  return readCounts(page);
}

async function readCounts(page: Page): Promise<Counts> {
  const counts = page.getByRole("status", { name: "Import counts" });
  const value = async (label: string) => Number((await counts.getByText(label, { exact: true }).locator("xpath=following-sibling::dd[1]").innerText()).replace(/[^0-9]/g, ""));
  return { read: await value("Rows read"), accepted: await value("Accepted"), unchanged: await value("Unchanged"), rejected: await value("Rejected") };
}

async function rejectedRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole("table", { name: "Rejected rows" }).getByRole("row");
  const texts: string[][] = [];
  for (const row of (await rows.all()).slice(1)) texts.push((await row.getByRole("cell").allInnerTexts()).slice(0, 3).map((text) => text.trim()));
  return texts;
}

test.describe("imports for an admin", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("ADMIN");
  });

  test("imports customers and orders with bad rows, gets the rejects with reasons, and importing the same files again changes nothing", async ({ page }) => {
    test.setTimeout(120_000);

    // Customers: ; separated with a BOM, a city with a line break inside quotes, two bad rows.
    await upload(page, "Customers", CUSTOMERS_FILE);
    await expect(page.getByLabel("Customer number")).toHaveValue("Kundennummer");
    await expect(page.getByLabel("Name (required)", { exact: true })).toHaveValue("Name");
    const customerPreview = page.getByRole("table", { name: "The first rows of customers.csv as they will be stored" });
    await expect(customerPreview.getByRole("row", { name: /Imke Importer/ })).toContainText("OK");
    await expect(customerPreview.getByRole("row", { name: /Jonas Importer/ })).toContainText("Rejected: Enter a valid email address. (column E-Mail)");
    const customers = await startAndWait(page, "customers.csv");
    // On a fresh database all three good rows are new; on a rerun they are already there.
    expect(customers).toMatchObject({ read: 5, rejected: 2 });
    expect(customers.accepted + customers.unchanged).toBe(3);
    expect(await rejectedRows(page)).toEqual([
      ["3", "E-Mail", "Enter a valid email address."],
      ["6", "Name", "Enter a name."],
    ]);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download rejects (CSV)" }).click();
    const rejectsFile = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
    expect(rejectsFile.replace(/^\uFEFF/, "").split("\r\n")).toEqual([
      "line,column,reason,row",
      "3,E-Mail,Enter a valid email address.,E2E-IMP-2;Jonas Importer;not-an-email;Bremen;DE;nein",
      "6,Name,Enter a name.,E2E-IMP-4;;no.name.importer@example.com;Berlin;DE;",
      "",
    ]);

    await page.goto("/customers?q=Importer");
    await expect(page.getByRole("link", { name: "Imke Importer" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Kasia Importer" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Jonas Importer" })).toHaveCount(0);

    // Orders: , separated, ISO and DD.MM.YYYY dates, one unknown customer and one impossible date.
    await upload(page, "Orders", ORDERS_FILE);
    await expect(page.getByLabel("Order number")).toHaveValue("Order number");
    await expect(page.getByLabel("Order date")).toHaveValue("Order date");
    const orders = await startAndWait(page, "orders.csv");
    expect(orders).toMatchObject({ read: 5, rejected: 2 });
    expect(orders.accepted + orders.unchanged).toBe(3);
    expect(await rejectedRows(page)).toEqual([
      ["4", "Customer number", "There is no customer with the number E2E-IMP-404. Import the customers first."],
      ["5", "Order date", "This is not a date. Write 2026-03-01, 2026-03-01T10:15:00Z or 01.03.2026."],
    ]);

    // The same two files again: the mapping is remembered, and nothing changes.
    await upload(page, "Customers", CUSTOMERS_FILE);
    await expect(page.getByText("The choices are those of your last import of this kind.")).toBeVisible();
    expect(await startAndWait(page, "customers.csv")).toEqual({ read: 5, accepted: 0, unchanged: 3, rejected: 2 });
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Nothing changed");

    await upload(page, "Orders", ORDERS_FILE);
    expect(await startAndWait(page, "orders.csv")).toEqual({ read: 5, accepted: 0, unchanged: 3, rejected: 2 });
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Nothing changed");

    await page.goto("/imports");
    const recent = page.getByRole("table", { name: "Recent imports" });
    await expect(recent.getByRole("row", { name: /orders\.csv/ }).first()).toContainText("Finished");
  });

  test("a dry run checks the file and writes nothing", async ({ page }) => {
    await upload(page, "Customers", CUSTOMERS_FILE);
    await page.getByLabel("Dry run: check the file and count, change nothing").check();
    await page.getByRole("button", { name: "Start import" }).click();
    await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Result" })).toContainText("This was a dry run, nothing was written.");
    expect((await readCounts(page)).rejected).toBe(2);
  });
});

test.describe("imports for a support agent", () => {
  test("no Imports link, and the imports page and routes answer 403", async ({ page, loginAs }) => {
    await loginAs("AGENT");
    await page.goto("/customers");
    await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Imports" })).toHaveCount(0);

    const response = await page.goto("/imports");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

    const anyImport = "00000000-0000-4000-8000-000000000001";
    expect((await page.request.get(`/api/imports/${anyImport}`)).status()).toBe(403);
    expect((await page.request.get(`/api/imports/${anyImport}/rejects`)).status()).toBe(403);
    const upload = await page.request.post("/api/imports/files?name=x.csv", { headers: { "x-crm-upload": "1", "content-type": "text/csv" }, data: "id;name\n1;x\n" });
    expect(upload.status()).toBe(403);
  });
});
