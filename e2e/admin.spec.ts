import { DEMO_PASSWORD } from "../prisma/factories/users";
import { expect, signInAs, test } from "./fixtures";

test.describe("admin", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("ADMIN");
  });

  test("creates a user with field errors first, and the new user can sign in", async ({ page, browser, baseURL }) => {
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Name").fill("N");
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("Enter a valid email address.")).toBeVisible();
    await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");

    const email = `new.colleague.${Date.now()}@example.com`;
    await form.getByLabel("Name").fill("Nora Newcomer");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption({ label: "Manager" });
    await form.getByLabel("Initial password").fill("a-long-password-1");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("User created.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

    // The same email again is refused next to the field.
    await form.getByLabel("Name").fill("Nora Again");
    await form.getByLabel("Email").fill(email.toUpperCase());
    await form.getByLabel("Initial password").fill("a-long-password-1");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText(/already/)).toBeVisible();

    const fresh = await browser.newContext({ baseURL });
    const newcomer = await fresh.newPage();
    await newcomer.goto("/login");
    await newcomer.getByLabel("Email").fill(email);
    await newcomer.getByLabel("Password").fill("a-long-password-1");
    await newcomer.getByRole("button", { name: "Sign in" }).click();
    await expect(newcomer.getByRole("banner")).toContainText("Nora Newcomer · Manager");
    await fresh.close();
  });

  test("changes a role and deactivates a user, who can then no longer sign in", async ({ page, browser, baseURL }) => {
    await page.goto("/admin/users");
    const row = page.getByRole("row", { name: /piotr\.zielinski@example\.com/ });
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/admin/users")),
      row.getByLabel("Role of Piotr Zieliński").selectOption({ label: "Manager" }),
    ]);
    await page.reload();
    await expect(page.getByRole("row", { name: /piotr\.zielinski@example\.com/ }).getByLabel("Role of Piotr Zieliński")).toHaveValue("MANAGER");

    await page.getByRole("button", { name: "Deactivate Piotr Zieliński" }).click();
    await expect(page.getByRole("button", { name: "Reactivate Piotr Zieliński" })).toBeVisible();

    const fresh = await browser.newContext({ baseURL });
    const piotr = await fresh.newPage();
    await piotr.goto("/login");
    await piotr.getByLabel("Email").fill("piotr.zielinski@example.com");
    await piotr.getByLabel("Password").fill(DEMO_PASSWORD);
    await piotr.getByRole("button", { name: "Sign in" }).click();
    await expect(piotr.getByRole("form", { name: "Sign in" }).getByRole("alert")).toBeVisible();
    await expect(piotr).toHaveURL(/\/login/);
    await fresh.close();

    await page.getByRole("button", { name: "Reactivate Piotr Zieliński" }).click();
    await expect(page.getByRole("button", { name: "Deactivate Piotr Zieliński" })).toBeVisible();
  });

  test("an agent who replays the admin's create-user server action is refused and nothing is written", async ({ page, browser, baseURL }) => {
    // Record exactly what the browser sends when the admin creates a user: the server action's id and body.
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Create a user" });
    const adminEmail = `via.admin.${Date.now()}@example.com`;
    await form.getByLabel("Name").fill("Created By Admin");
    await form.getByLabel("Email").fill(adminEmail);
    await form.getByLabel("Initial password").fill("a-long-password-1");
    const [actionRequest] = await Promise.all([
      page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
      form.getByRole("button", { name: "Create user" }).click(),
    ]);
    await expect(form.getByText("User created.")).toBeVisible();

    // The agent sends the same action with their own session and a different email.
    const agentContext = await browser.newContext({ baseURL });
    await signInAs(agentContext, "AGENT", baseURL!);
    const agentEmail = `via.agent.${Date.now()}@example.com`;
    const body = actionRequest.postDataBuffer()!.toString("utf8").replace(adminEmail, agentEmail);
    const headers = actionRequest.headers();
    const response = await agentContext.request.post("/admin/users", {
      headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component" },
      data: body,
    });
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).toContain("errors.forbidden");
    await agentContext.close();

    await page.reload();
    await expect(page.getByRole("row", { name: new RegExp(adminEmail.replaceAll(".", "\\.")) })).toBeVisible();
    await expect(page.getByText(agentEmail)).toHaveCount(0);
  });
});
