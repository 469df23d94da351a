import { DEMO_PASSWORD } from "../prisma/factories/users";
import { expect, staffUser, test, type Persona } from "./fixtures";

const ROLE_LABELS: Record<Persona, string> = { AGENT: "Support agent", MANAGER: "Manager", ADMIN: "Admin" };

test.describe("signing in", () => {
  test("a signed-out visitor is sent to the sign-in page and back after signing in", async ({ page }) => {
    await page.goto("/customers?sort=totalSpent");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("Email").fill("agent@example.com");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/customers\?sort=totalSpent$/);
  });

  test("a wrong password shows a clear error and no session", async ({ page }) => {
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill("manager@example.com");
    await form.getByLabel("Password").fill("not-the-password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("The email or password is not correct.");
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/login/);
  });

  test("empty fields are explained next to each field", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
  });

  for (const role of ["AGENT", "MANAGER", "ADMIN"] as const) {
    test(`the ${role.toLowerCase()} signs in, sees their role, and signs out`, async ({ page }) => {
      const user = staffUser(role);
      await page.goto("/login");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
      await expect(page.getByRole("banner")).toContainText(`${user.name} · ${ROLE_LABELS[role]}`);
      await expect(page.getByRole("link", { name: "Users" })).toHaveCount(role === "ADMIN" ? 1 : 0);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/customers");
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("five wrong passwords lock the email for a while, with a clear message", async ({ page }) => {
    const email = "lena.vogel@example.com";
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill(email);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await form.getByLabel("Password").fill(`wrong-${attempt}`);
      await form.getByRole("button", { name: "Sign in" }).click();
      await expect(form.getByRole("alert")).toHaveText("The email or password is not correct.");
    }
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toContainText("Too many failed sign-in attempts for this email. Try again in 15 minutes.");
    await expect(page).toHaveURL(/\/login/);
  });
});
