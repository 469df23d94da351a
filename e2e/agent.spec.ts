import { expect, test } from "./fixtures";

test.describe("support agent", () => {
  test.beforeEach(async ({ loginAs }) => {
    await loginAs("AGENT");
  });

  test("finds a customer on the phone and sees at a glance who they are", async ({ page }) => {
    await page.goto("/customers");
    await page.getByRole("searchbox", { name: "Search" }).fill("greta.lindqvist");
    await expect(page).toHaveURL(/q=greta.lindqvist/);
    await expect(page.getByText("1 customer matches")).toBeVisible();
    await page.getByRole("link", { name: "Greta Lindqvist" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Greta Lindqvist" })).toBeVisible();
    const figures = page.getByRole("region", { name: "Key figures" });
    await expect(figures.getByText("Customer since")).toBeVisible();
    await expect(figures.getByText("net of refunds")).toBeVisible();
    await expect(page.getByText("Consent given")).toBeVisible();
    await expect(page.getByRole("list", { name: "Timeline" }).getByText(/Placed order #SO-/).first()).toBeVisible();
  });

  test("adds a note and a task, sees both on the timeline, and completes the task", async ({ page }) => {
    await page.goto("/customers?q=kowalski");
    await page.getByRole("link", { name: "Jan Kowalski" }).click();
    const noteBody = `Called about grinder settings ${Date.now()}`;

    const noteForm = page.getByRole("form", { name: "Add a note" });
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(noteForm.getByText("Write something before adding the note.")).toBeVisible();
    await noteForm.getByLabel("Note", { exact: true }).fill(noteBody);
    await noteForm.getByLabel("Kind of note").selectOption("CALL");
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(noteForm.getByRole("status")).toHaveText("Note added.");
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.getByRole("listitem").first()).toContainText(noteBody);
    await expect(timeline.getByRole("listitem").first()).toContainText("Sam Support");

    const taskTitle = `Send espresso recipe ${Date.now()}`;
    const taskForm = page.getByRole("form", { name: "Add a task" });
    await taskForm.getByLabel("New task").fill(taskTitle);
    await taskForm.getByLabel("Due date").fill("2030-01-15");
    await taskForm.getByLabel("Assignee").selectOption({ label: "Sam Support" });
    await taskForm.getByRole("button", { name: "Add task" }).click();
    await expect(taskForm.getByRole("status")).toHaveText("Task added.");
    const tasks = page.getByRole("list", { name: "Tasks for this customer" });
    await expect(tasks.getByText(taskTitle)).toBeVisible();
    await expect(timeline.getByText(`Task created: ${taskTitle}`)).toBeVisible();

    await tasks.getByRole("button", { name: `Complete task: ${taskTitle}` }).click();
    await expect(timeline.getByText(`Task completed: ${taskTitle}`)).toBeVisible();
    await expect(tasks.getByRole("button", { name: `Complete task: ${taskTitle}` })).toHaveCount(0);
  });

  test("edits contact data with clear field errors and nothing written for bad input", async ({ page }) => {
    await page.goto("/customers?q=sophie.martin");
    await page.getByRole("link", { name: "Sophie Martin" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByLabel("Phone").fill("call me maybe");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByText("Enter a phone number with digits, e.g. +49 30 1234567.")).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Email", { exact: true }).fill("sophie.martin@example.fr");
    await page.getByLabel("Phone").fill("+33 4 72 00 00 00");
    await page.getByLabel("City").fill("Lyon 2e");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sophie Martin" })).toBeVisible();
    await expect(page.getByText("+33 4 72 00 00 00")).toBeVisible();
    await expect(page.getByText("Lyon 2e, France")).toBeVisible();
  });

  test("cannot archive or export: no buttons, and the export route refuses with 403", async ({ page }) => {
    await page.goto("/customers");
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    const response = await page.request.get("/customers/export");
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  test("an admin page answers 403 for an agent", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });

  test("a customer that does not exist shows a not-found page", async ({ page }) => {
    for (const id of ["00000000-0000-4000-8000-00000000beef", "not-a-uuid"]) {
      const response = await page.goto(`/customers/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});
