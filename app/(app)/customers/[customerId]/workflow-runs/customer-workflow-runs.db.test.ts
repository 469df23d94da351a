/**
 * A customer's workflow runs rendered against a real database in every language: the profile's Workflows card
 * (the newest runs, each step's status, attempts, times and error, a link to the rest) and the customer's run
 * history page (keyset pages), for agents as well as managers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { createWorkflow, updateWorkflow } from "@/lib/db/workflows";
import { stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { pageContext, renderPage, visibleText, type Locale } from "@/tests/support/render-server-page";
import { seedShop } from "@/tests/support/seed-shop";

const { navigationMock, nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
// The session records what the page asks for (pageContext.askedPermissions); a test checks the role really has it.
vi.mock("@/lib/auth/session", () => sessionMock());
vi.mock("next/navigation", () => navigationMock());

const { default: CustomerWorkflowRunsPage } = await import("./page");
const { WorkflowRunsCard, CARD_RUNS } = await import("../workflow-runs-card");

const berlin = (date: Date, locale: Locale = "en") => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" }).format(date).replace(/[\s\u00a0\u202f]+/g, " ");

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const base = Date.UTC(2026, 4, 1, 12);
const at = (minute: number) => new Date(base + minute * 60_000);
const RUNS = 27;
let customer: { id: string; name: string };
let quietCustomer: { id: string; name: string };
let workflowId: string;

const historyPage = (id: string, search: Record<string, string> = {}) => () => CustomerWorkflowRunsPage({ params: Promise.resolve({ customerId: id }), searchParams: Promise.resolve(search) });
const card = (id: string, canOpenWorkflows: boolean) => () => WorkflowRunsCard({ customerId: id, canOpenWorkflows });
const runItems = (html: string) => html.match(/<li class="py-2 text-sm">/g)?.length ?? 0;

beforeAll(async () => {
  await seedShop(6);
  [customer, quietCustomer] = (await db.customer.findMany({ orderBy: { externalId: "asc" }, select: { id: true, name: true }, take: 2 })) as [typeof customer, typeof customer];
  const segmentId = (await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } })).id;
  workflowId = (
    await createWorkflow(
      {
        name: "Win back",
        segmentId,
        trigger: "ENTER",
        stopWhenLeft: true,
        maxRunsPerHour: null,
        steps: [
          { type: "email", subject: "We miss you", body: "Come back. {{unsubscribeUrl}}" },
          { type: "webhook", url: "https://shop.example.com/hooks", timeoutSeconds: 10 },
          { type: "tag", action: "add", tag: "won-back" },
        ],
      },
      manager.id,
    )
  ).id;
  // Run i is created at minute i: the newest (26) is still retrying its webhook, 25 failed, 24 and 22 stopped (22 for
  // a reason this version does not know).
  for (let index = 0; index < RUNS; index++) {
    const status = index === 26 ? "SCHEDULED" : index === 25 ? "FAILED" : index === 24 || index === 22 ? "STOPPED" : "COMPLETED";
    await db.workflowRun.create({
      data: {
        workflowId,
        workflowVersion: 1,
        customerId: customer.id,
        source: index % 2 ? "MANUAL" : "SEGMENT_EVENT",
        manualRequestId: `request-${index}`,
        status,
        nextStep: status === "COMPLETED" ? 3 : 1,
        nextRunAt: at(index + 30),
        attempts: status === "SCHEDULED" ? 2 : 0,
        createdAt: at(index),
        startedAt: at(index),
        finishedAt: status === "SCHEDULED" ? null : at(index + 1),
        stopReason: index === 24 ? "leftSegment" : index === 22 ? "customerMoved" : null,
        lastError: status === "FAILED" ? "The receiver answered 410." : status === "SCHEDULED" ? "The receiver answered 503." : null,
        steps: {
          create: [
            { stepIndex: 0, type: "email", status: "SUCCEEDED", attempts: 1, startedAt: at(index), finishedAt: at(index) },
            ...(status === "STOPPED"
              ? []
              : [
                  status === "SCHEDULED"
                    ? { stepIndex: 1, type: "webhook", status: "RUNNING" as const, attempts: 2, error: "The receiver answered 503.", startedAt: at(index) }
                    : { stepIndex: 1, type: "webhook", status: status === "FAILED" ? ("FAILED" as const) : ("SUCCEEDED" as const), attempts: status === "FAILED" ? 1 : 3, error: status === "FAILED" ? "The receiver answered 410." : null, startedAt: at(index), finishedAt: at(index + 1) },
                ]),
            ...(status === "COMPLETED" ? [{ stepIndex: 2, type: "tag", status: "SUCCEEDED" as const, attempts: 1, startedAt: at(index + 1), finishedAt: at(index + 1) }] : []),
          ],
        },
      },
    });
  }
});

// An agent reads unless a test signs in someone else.
beforeEach(() => {
  pageContext.role = "AGENT";
});

afterAll(async () => {
  await stopJobQueue();
});

describe("the profile's Workflows card", () => {
  it.each(["en", "de", "pl"] as const)("shows the newest runs with every step's status, attempts, times and error (%s)", async (locale) => {
    const html = await renderPage(card(customer.id, false), locale);
    const visible = visibleText(html);
    expect(runItems(html)).toBe(CARD_RUNS);
    expect(visible).toContain("The receiver answered 503.");
    expect(visible).toContain("The receiver answered 410.");
    expect(visible).toContain(berlin(at(26), locale));
    expect(html).toContain(`href="/customers/${customer.id}/workflow-runs"`);
    expect(html).not.toContain(`href="/workflows/${workflowId}"`);
    if (locale === "en") {
      expect(html).toContain('<section aria-label="Workflows"');
      expect(html).toContain('<ol class="mt-1 space-y-1 border-l-2 border-slate-100 pl-2 text-xs" aria-label="Steps of Win back"');
      // The retrying run: its webhook step on its second attempt, not finished, due again later.
      expect(visible).toContain(`Step 2: Webhook Running 2 attempts · ${berlin(at(26))} – not finished The receiver answered 503.`);
      expect(visible).toContain(`Next step ${berlin(at(56))}`);
      expect(visible).toContain(`Step 2: Webhook Failed 1 attempt · ${berlin(at(25))} – ${berlin(at(26))} The receiver answered 410.`);
      expect(visible).toContain("Stopped: the customer left the segment.");
      expect(visible).toContain("Stopped: customerMoved");
      // Run 23 completed: its tag step ran a minute after it started.
      expect(visible).toContain(`Step 2: Webhook Succeeded 3 attempts · ${berlin(at(23))} – ${berlin(at(24))} Step 3: Tag Succeeded 1 attempt · ${berlin(at(24))} – ${berlin(at(24))}`);
      expect(visible).toContain(`All runs (${RUNS})`);
      expect(visible).toContain("1 of 3 steps · Segment change");
    }
  });

  it("links each run's workflow for those who may open workflows", async () => {
    const html = await renderPage(card(customer.id, true), "en", { role: "MANAGER" });
    expect(html.match(new RegExp(`href="/workflows/${workflowId}"`, "g"))).toHaveLength(CARD_RUNS);
  });

  it.each(["en", "de", "pl"] as const)("says when no workflow has run, without a link (%s)", async (locale) => {
    const html = await renderPage(card(quietCustomer.id, false), locale);
    expect(runItems(html)).toBe(0);
    expect(html).not.toContain("/workflow-runs");
    if (locale === "en") expect(visibleText(html)).toContain("No workflow has run for this customer.");
  });
});

describe("a customer's run history page", () => {
  it.each(["en", "de", "pl"] as const)("shows the newest page of runs to an agent, with a link to older ones (%s)", async (locale) => {
    pageContext.askedPermissions = [];
    const html = await renderPage(historyPage(customer.id), locale, { role: "AGENT" });
    expect(pageContext.askedPermissions).toEqual(["customer:read"]);
    expect(can("AGENT", pageContext.askedPermissions[0]!)).toBe(true);
    expect(runItems(html)).toBe(20);
    expect(html).toContain(`href="/customers/${customer.id}"`);
    expect(html).toMatch(new RegExp(`href="/customers/${customer.id}/workflow-runs\\?before=\\d+\\.[0-9a-f-]{36}"`));
    expect(html).not.toContain(`href="/workflows/`);
    if (locale === "en") {
      expect(html).toContain(`<h1 class="mt-1 text-2xl font-semibold">Workflow runs of ${customer.name}</h1>`);
      expect(visibleText(html)).toContain("Older runs");
      expect(visibleText(html)).not.toContain("Newest runs");
    }
  });

  it("pages to the older runs by keyset, oldest last, and back to the newest", async () => {
    const first = await renderPage(historyPage(customer.id));
    const cursor = new RegExp(`/workflow-runs\\?before=([^"&]+)"`).exec(first)![1]!;
    const older = await renderPage(historyPage(customer.id, { before: decodeURIComponent(cursor) }));
    expect(runItems(older)).toBe(RUNS - 20);
    const visible = visibleText(older);
    expect(visible).toContain("Newest runs");
    expect(visible).not.toContain("Older runs");
    // Runs 6 … 0, newest first: each created a minute before the one above it.
    const created = [...visible.matchAll(/Created ([^·]+?) ·/g)].map((match) => match[1]!.trim());
    expect(created).toEqual([6, 5, 4, 3, 2, 1, 0].map((minute) => berlin(at(minute))));
    // A cursor that is not one shows the newest page.
    expect(runItems(await renderPage(historyPage(customer.id, { before: "yesterday" })))).toBe(20);
  });

  it("links the workflows for managers", async () => {
    const html = await renderPage(historyPage(customer.id), "en", { role: "MANAGER" });
    expect(html.match(new RegExp(`href="/workflows/${workflowId}"`, "g"))).toHaveLength(20);
  });

  it("gives 404 for an unknown customer", async () => {
    await expect(historyPage("00000000-0000-4000-8000-000000000009")()).rejects.toThrow("notFound");
    await expect(historyPage("not-a-uuid")()).rejects.toThrow("notFound");
  });
});

describe("after the workflow's steps were edited", () => {
  it("counts each run's steps by the version it started with, and a new run's by the new one", async () => {
    const workflow = await db.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { name: true, segmentId: true, trigger: true, stopWhenLeft: true, maxRunsPerHour: true } });
    await updateWorkflow(workflowId, { ...workflow, steps: [{ type: "tag", action: "add", tag: "won-back" }] }, manager.id);
    await db.workflowRun.create({
      data: { workflowId, workflowVersion: 2, customerId: quietCustomer.id, source: "MANUAL", manualRequestId: "after-edit", status: "SCHEDULED", createdAt: at(40) },
    });
    expect(visibleText(await renderPage(card(customer.id, false)))).toContain("1 of 3 steps · Segment change");
    expect(visibleText(await renderPage(card(quietCustomer.id, false)))).toContain("0 of 1 step ·");
  });
});
