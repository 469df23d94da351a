/**
 * The workflow pages rendered against a real database in every language — the list (empty, then with a workflow,
 * its segment, trigger, status, steps and runs), the new-workflow editor and the editor of a stored workflow
 * (whose webhook secret never reaches the page) — and the server actions: an agent may not manage workflows,
 * invalid input comes back as field errors with nothing stored, a valid workflow is stored with its webhook secret
 * apart from the steps, and the status buttons pause, resume and archive. A missing message key throws.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CATALOGS } from "@/i18n/catalogs";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/db/workflows";
import { stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { pageContext, renderPage, visibleText } from "@/tests/support/render-server-page";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

const { navigationMock, nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
vi.mock("@/lib/auth/session", () => sessionMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => navigationMock());

const { default: WorkflowsPage } = await import("./page");
const { default: NewWorkflowPage } = await import("./new/page");
const { default: EditWorkflowPage } = await import("./[workflowId]/edit/page");
const { changeWorkflowStatusAction, createWorkflowAction, updateWorkflowAction } = await import("./actions");

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr";
let vipId: string;
let lostId: string;

function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Win back lost customers",
    segmentId: lostId,
    trigger: "ENTER",
    whenLeft: "continue",
    maxRunsPerHour: "50",
    steps: JSON.stringify([
      { type: "email", subject: "We miss you, {{customer.firstName}}", body: "Hello {{customer.name}}" },
      { type: "wait", amount: 3, unit: "days" },
      { type: "task", title: "Call them", assignTo: "owner", dueInDays: 2 },
      { type: "webhook", url: "https://hooks.example.com/crm", timeoutSeconds: 10, secret: SECRET },
    ]),
    ...overrides,
  };
}

beforeAll(async () => {
  await seedShop(5);
  vipId = (await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } })).id;
  lostId = (await db.segment.findUniqueOrThrow({ where: { key: "lost" }, select: { id: true } })).id;
});

beforeEach(() => {
  pageContext.role = "MANAGER";
});

afterAll(async () => {
  await stopJobQueue();
  await db.$disconnect();
});

describe("the workflow pages", () => {
  it.each(["en", "de", "pl"] as const)("show an empty list with a way to start (%s)", async (locale) => {
    const html = await renderPage(() => WorkflowsPage(), locale);
    expect(visibleText(html)).toContain((CATALOGS[locale].workflows as Record<string, string>).emptyTitle);
    expect(html).toContain('href="/workflows/new"');
  });

  it.each(["en", "de", "pl"] as const)("offer the step editor for a new workflow (%s)", async (locale) => {
    const html = await renderPage(() => NewWorkflowPage(), locale);
    expect(html).toMatch(/<form[^>]*aria-label="(Workflow|Przepływ pracy)"/);
    expect(html).toContain(`<option value="${vipId}">VIP</option>`);
    expect(html).toContain('name="steps" value="[]"');
    if (locale === "en") {
      const visible = visibleText(html);
      for (const label of ["Name", "Segment", "Trigger", "Add step", "Send email", "Create task", "Set discount tier", "Call a webhook", "Save workflow"]) expect(visible).toContain(label);
    }
  });

  it.each(["en", "de", "pl"] as const)("list a workflow with its segment, trigger, status, steps and runs (%s)", async (locale) => {
    const { id } = await createWorkflow(
      { name: "Welcome VIPs", segmentId: vipId, trigger: "ENTER", stopWhenLeft: true, maxRunsPerHour: null, steps: [{ type: "tag", action: "add", tag: "vip" }] },
      manager.id,
    );
    const customer = await db.customer.findFirstOrThrow({ select: { id: true } });
    await db.workflowRun.create({ data: { workflowId: id, workflowVersion: 1, customerId: customer.id, source: "MANUAL", manualRequestId: `r-${locale}`, status: "COMPLETED", nextRunAt: new Date() } });
    const html = await renderPage(() => WorkflowsPage(), locale);
    const visible = visibleText(html);
    expect(html).toContain(`href="/workflows/${id}"`);
    expect(html).toContain(`href="/workflows/${id}/edit"`);
    expect(visible).toContain("Welcome VIPs");
    if (locale === "en") {
      expect(visible).toMatch(/Welcome VIPs VIP Enters the segment Active 1 step .*Completed: 1/);
      expect(visible).toContain("Pause");
      expect(visible).toContain("Archive");
    }
    if (locale === "de") expect(visible).toContain("Kommt ins Segment");
    if (locale === "pl") expect(visible).toContain("Wejście do segmentu");
    await db.workflow.delete({ where: { id } });
  });

  it.each(["en", "de", "pl"] as const)("edit a stored workflow without ever sending its webhook secret (%s)", async (locale) => {
    const { id } = await createWorkflow(
      {
        name: "Notify the shop",
        segmentId: vipId,
        trigger: "EXIT",
        stopWhenLeft: false,
        maxRunsPerHour: 20,
        steps: [
          { type: "discountTier", tier: null },
          { type: "webhook", url: "https://hooks.example.com/vip", timeoutSeconds: 10 },
        ],
        newSecrets: { 1: SECRET },
      },
      manager.id,
    );
    const html = await renderPage(() => EditWorkflowPage({ params: Promise.resolve({ workflowId: id }) }), locale);
    expect(html).not.toContain(SECRET);
    expect(html).toContain("https://hooks.example.com/vip");
    expect(html).toContain('type="password"');
    expect(html).toMatch(/<option value="EXIT" selected="">/);
    expect(html).toContain('value="20"');
    if (locale === "en") {
      const visible = visibleText(html);
      expect(visible).toContain("Step 1: Set discount tier");
      expect(visible).toContain("Step 2: Call a webhook");
      expect(visible).toContain("A secret is set; leave empty to keep it.");
    }
    await db.workflow.delete({ where: { id } });
  });

  it.each(["en", "de", "pl"] as const)("show every kind of step in the editor, with a warning for unknown template variables (%s)", async (locale) => {
    const { id } = await createWorkflow(
      {
        name: "Every step",
        segmentId: vipId,
        trigger: "ENTER",
        stopWhenLeft: true,
        maxRunsPerHour: null,
        steps: [
          { type: "wait", amount: 2, unit: "weeks" },
          { type: "email", subject: "Hello {{customer.nme}}", body: "Your tier: {{discountTier}}" },
          { type: "task", title: "Call the VIP", assignTo: "MANAGER", dueInDays: 3 },
          { type: "tag", action: "remove", tag: "prospect" },
          { type: "discountTier", tier: "gold" },
          { type: "webhook", url: "https://hooks.example.com/all", timeoutSeconds: 10 },
        ],
      },
      manager.id,
    );
    const html = await renderPage(() => EditWorkflowPage({ params: Promise.resolve({ workflowId: id }) }), locale, { showsTemplateVariables: true });
    const visible = visibleText(html);
    expect(html.match(/<fieldset/g)).toHaveLength(7);
    expect(visible).toContain("{{customer.nme}}");
    for (const value of ["Call the VIP", "prospect", "gold", "https://hooks.example.com/all"]) expect(html).toContain(`value="${value}"`);
    expect(html).toMatch(/<option value="weeks" selected="">/);
    expect(html).toMatch(/<option value="MANAGER" selected="">/);
    if (locale === "en") {
      expect(visible).toContain("Unknown variable, it will be sent as typed: {{customer.nme}}");
      expect(visible).toContain("Step 1: Wait");
      expect(visible).toContain("Step 4: Add or remove a tag");
      expect(visible).not.toContain("A secret is set");
    }
    await db.workflow.delete({ where: { id } });
  });

  it("has no editor for a workflow that does not exist", async () => {
    await expect(renderPage(() => EditWorkflowPage({ params: Promise.resolve({ workflowId: "not-a-uuid" }) }))).rejects.toThrow("notFound");
    await expect(renderPage(() => EditWorkflowPage({ params: Promise.resolve({ workflowId: "00000000-0000-4000-8000-000000000009" }) }))).rejects.toThrow("notFound");
  });
});

describe("the workflow actions", () => {
  it("refuse an agent", async () => {
    pageContext.role = "AGENT";
    const before = await db.workflow.count();
    expect(await createWorkflowAction(IDLE, formData(validFields()))).toMatchObject({ status: "error", message: "errors.forbidden" });
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: "00000000-0000-4000-8000-000000000009", status: "PAUSED" }))).toMatchObject({ status: "error", message: "errors.forbidden" });
    expect(await db.workflow.count()).toBe(before);
  });

  it("return field errors next to the fields and steps, and store nothing", async () => {
    const before = await db.workflow.count();
    const state = (await createWorkflowAction(
      IDLE,
      formData(
        validFields({
          name: " ",
          maxRunsPerHour: "lots",
          steps: JSON.stringify([
            { type: "email", subject: "", body: "Hi" },
            { type: "wait", amount: "abc", unit: "days" },
            { type: "webhook", url: "ftp://example.com", timeoutSeconds: 10, secret: "short" },
          ]),
        }),
      ),
    )) as Extract<ActionState, { status: "error" }>;
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toMatchObject({
      name: ["nameRequired"],
      maxRunsPerHour: ["rateLimitInvalid"],
      "steps.0.subject": ["emailSubjectRequired"],
      "steps.1.amount": ["waitInvalid"],
      "steps.2.url": ["webhookUrlInvalid"],
      "steps.2.secret": ["webhookSecretTooShort"],
    });
    for (const messages of Object.values(state.fieldErrors ?? {})) for (const key of messages) for (const locale of ["en", "de", "pl"] as const) expect(CATALOGS[locale].validation).toHaveProperty(key);

    expect(await createWorkflowAction(IDLE, formData(validFields({ steps: "[]" })))).toMatchObject({ fieldErrors: { steps: ["stepsEmpty"] } });
    expect(await createWorkflowAction(IDLE, formData(validFields({ steps: "{not json" })))).toMatchObject({ status: "error", fieldErrors: { steps: ["invalid"] } });
    expect(await createWorkflowAction(IDLE, formData(validFields({ segmentId: "00000000-0000-4000-8000-000000000009" })))).toMatchObject({ fieldErrors: { segmentId: ["segmentInvalid"] } });
    expect(await db.workflow.count()).toBe(before);
  });

  it("store a valid workflow, its webhook secret apart from the steps, and go back to the list", async () => {
    await expect(createWorkflowAction(IDLE, formData(validFields()))).rejects.toThrow("redirect /workflows");
    const stored = await db.workflow.findFirstOrThrow({ where: { name: "Win back lost customers" }, include: { secrets: true } });
    expect(stored).toMatchObject({ segmentId: lostId, trigger: "ENTER", status: "ACTIVE", stopWhenLeft: false, maxRunsPerHour: 50, createdById: manager.id });
    const steps = stored.steps as { type: string; secretId?: string }[];
    expect(steps.map((step) => step.type)).toEqual(["email", "wait", "task", "webhook"]);
    expect(JSON.stringify(steps)).not.toContain(SECRET);
    expect(stored.secrets).toHaveLength(1);
    expect(stored.secrets[0]!.secret).toBe(SECRET);
    expect(steps[3]!.secretId).toBe(stored.secrets[0]!.id);

    // Saving again with the secret's id (an empty secret field) keeps it; a new name is stored.
    const resubmitted = JSON.parse(validFields().steps!) as Record<string, unknown>[];
    delete resubmitted[3]!.secret;
    resubmitted[3]!.secretId = stored.secrets[0]!.id;
    await expect(updateWorkflowAction(IDLE, formData(validFields({ workflowId: stored.id, name: "Win back", steps: JSON.stringify(resubmitted) })))).rejects.toThrow("redirect /workflows");
    const updated = await db.workflow.findUniqueOrThrow({ where: { id: stored.id }, include: { secrets: true } });
    expect(updated.name).toBe("Win back");
    expect(updated.secrets.map((secret) => secret.secret)).toEqual([SECRET]);

    // Another workflow's secret id is refused.
    const other = await createWorkflow({ name: "Other", segmentId: vipId, trigger: "ENTER", stopWhenLeft: true, maxRunsPerHour: null, steps: [{ type: "wait", amount: 1, unit: "days" }] }, manager.id);
    expect(await updateWorkflowAction(IDLE, formData(validFields({ workflowId: other.id, steps: JSON.stringify(resubmitted) })))).toMatchObject({ status: "error", fieldErrors: { steps: ["webhookSecretInvalid"] } });
    expect(await updateWorkflowAction(IDLE, formData(validFields({ workflowId: "nope" })))).toMatchObject({ status: "error", message: "errors.notFound" });
  });

  it("pause, resume and archive a workflow", async () => {
    const { id } = await createWorkflow({ name: "Status", segmentId: vipId, trigger: "ENTER", stopWhenLeft: true, maxRunsPerHour: null, steps: [{ type: "wait", amount: 1, unit: "days" }] }, manager.id);
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: id, status: "PAUSED" }))).toEqual({ status: "success", message: "PAUSED", count: 0 });
    expect((await db.workflow.findUniqueOrThrow({ where: { id } })).status).toBe("PAUSED");
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: id, status: "ACTIVE" }))).toEqual({ status: "success", message: "ACTIVE", count: 0 });
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: id, status: "ARCHIVED" }))).toMatchObject({ status: "success" });
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: id, status: "ACTIVE" }))).toMatchObject({ status: "error", message: "errors.notFound" });
    expect(await changeWorkflowStatusAction(IDLE, formData({ workflowId: id, status: "DRAFT" }))).toMatchObject({ status: "error", message: "errors.invalidInput" });
  });
});
