import { expect, test } from "./fixtures";

test.describe("segments for a manager", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("MANAGER");
  });

  test("lists every segment with its size and value, and opens the members of one", async ({ page }) => {
    await page.goto("/segments");
    const table = page.getByRole("table", { name: "Segments" });
    for (const name of ["VIP", "At-risk VIP", "New", "Active", "Champions", "Can't lose them"]) await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
    const vipRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "VIP", exact: true }) });
    const members = Number((await vipRow.getByRole("cell").first().innerText()).replace(/[^0-9]/g, ""));
    expect(members).toBeGreaterThan(0);
    await vipRow.getByRole("link", { name: "VIP", exact: true }).click();
    await expect(page).toHaveURL(/\/customers\?segment=vip/);
    await expect(page.getByText(`${members} customers match`)).toBeVisible();
  });

  test("builds a custom segment with a live preview, saves it, finds its members, then archives it", async ({ page }) => {
    await page.goto("/segments");
    await page.getByRole("link", { name: "New segment" }).click();
    const form = page.getByRole("form", { name: "Segment rule" });
    const name = `Big spenders in Germany ${Date.now() % 100000}`;

    // An empty name and an unfinished rule are explained, not saved.
    await form.getByRole("button", { name: "Save segment" }).click();
    await expect(form.getByText(/name/i).first()).toBeVisible();
    await expect(form.getByRole("status")).toContainText("Complete the rule to see a preview");

    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Field (condition 1)").selectOption({ label: "Total CLV" });
    await form.getByLabel("Comparison (condition 1)").selectOption({ label: "at least" });
    await form.getByLabel("Value (condition 1)").fill("1000");
    await form.getByRole("button", { name: "Add condition" }).click();
    await form.getByLabel("Field (condition 2)").selectOption({ label: "Country" });
    await form.getByLabel("Add a country (condition 2)").selectOption({ label: "Germany" });
    const preview = form.getByRole("status");
    await expect(preview).toContainText(/\d+ customers? match/);
    const matching = Number((await preview.innerText()).match(/(\d+) customers? match/)![1]);
    expect(matching).toBeGreaterThan(0);

    await form.getByRole("button", { name: "Save segment" }).click();
    await expect(page).toHaveURL(/\/segments$/);
    const link = page.getByRole("table", { name: "Segments" }).getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/segment=custom%3A|segment=custom:/);
    await expect(page.getByText(`${matching} customer${matching === 1 ? "" : "s"} match`)).toBeVisible();
    for (const row of await page.getByRole("table", { name: "Customers" }).locator("tbody").getByRole("row").all()) await expect(row).toContainText("DE");

    await page.goto("/segments");
    await page.getByRole("link", { name: `Edit ${name}` }).click();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Archive segment" }).click();
    await expect(page).toHaveURL(/\/segments$/);
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  });
});

test.describe("dashboard for a manager", () => {
  test("shows the key figures, the CLV distribution, segment sizes, forecast, CLV : CAC and model quality", async ({ page, loginAs }) => {
    await loginAs("MANAGER");
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    for (const region of ["Key figures", "CLV distribution", "Segment sizes", "Revenue forecast", "CLV : CAC by channel", "Model quality"]) {
      await expect(page.getByRole("region", { name: region })).toBeVisible();
    }
    const figures = page.getByRole("region", { name: "Key figures" });
    await expect(figures).toContainText(/VIPs\s*\d+/);
    await expect(page.getByRole("region", { name: "Model quality" })).toContainText(/(BG\/NBD|Pareto\/NBD) won by [\d.]+ ?% lower mean absolute error/);
    await expect(page.getByRole("region", { name: "Revenue forecast" }).getByRole("img").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "CLV : CAC by channel" })).toContainText(/\d+(\.\d)? : 1/);
    await expect(page.locator("body")).not.toContainText("NaN");
    await figures.getByRole("link", { name: "Show the at-risk VIPs" }).click();
    await expect(page).toHaveURL(/segment=at_risk_vip/);
  });
});
