/**
 * The run history, the outbox and the webhook allowlist rendered against a real database in every language: no
 * missing message (a missing one throws), nothing undefined, the accessible names the end-to-end tests rely on,
 * keyset paging, and an HTML email shown only inside a sandboxed iframe.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { allowWebhookHost, createWorkflow } from "@/lib/db/workflows";
import { stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { pageContext, renderPage, visibleText } from "@/tests/support/render-server-page";
import { seedShop } from "@/tests/support/seed-shop";

const { navigationMock, nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
vi.mock("@/lib/auth/session", () => sessionMock());
vi.mock("next/navigation", () => navigationMock());

const { default: WorkflowRunsPage } = await import("./page");
const { default: WebhookHostsPage } = await import("../webhook-hosts/page");
const { default: OutboxPage } = await import("../../outbox/page");
const { default: OutboxEmailPage } = await import("../../outbox/[emailId]/page");
const { RunWorkflowButton } = await import("@/components/workflows/run-workflow-button");

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const base = Date.UTC(2026, 4, 1, 12);
const at = (minute: number) => new Date(base + minute * 60_000);
let workflowId: string;
let emptyWorkflowId: string;
let customers: { id: string; name: string }[];
let htmlEmailId: string;

const workflowPage = (id: string, search: Record<string, string> = {}) => () => WorkflowRunsPage({ params: Promise.resolve({ workflowId: id }), searchParams: Promise.resolve(search) });

beforeAll(async () => {
  await seedShop(8);
  customers = await db.customer.findMany({ orderBy: { externalId: "asc" }, select: { id: true, name: true }, take: 4 });
  const segmentId = (await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } })).id;
  const input = { segmentId, trigger: "ENTER" as const, stopWhenLeft: true, maxRunsPerHour: null, steps: [{ type: "tag" as const, action: "add" as const, tag: "welcomed" }, { type: "discountTier" as const, tier: "gold" }] };
  workflowId = (await createWorkflow({ ...input, name: "Welcome VIPs" }, manager.id)).id;
  emptyWorkflowId = (await createWorkflow({ ...input, name: "Nobody yet" }, manager.id)).id;
  // 30 runs: more than a page (25). The newest (index 29) failed; one stopped because the customer left.
  for (let index = 0; index < 30; index++) {
    const status = index === 29 ? "FAILED" : index === 28 ? "STOPPED" : "COMPLETED";
    await db.workflowRun.create({
      data: {
        workflowId,
        workflowVersion: 1,
        customerId: customers[index % customers.length]!.id,
        source: index % 2 ? "MANUAL" : "SEGMENT_EVENT",
        manualRequestId: `request-${index}`,
        status,
        createdAt: at(index),
        startedAt: at(index),
        finishedAt: at(index + 1),
        stopReason: status === "STOPPED" ? "leftSegment" : null,
        lastError: status === "FAILED" ? "Webhook answered 500" : null,
        steps: {
          create: [
            { stepIndex: 0, type: "tag", status: "SUCCEEDED", startedAt: at(index), finishedAt: at(index) },
            { stepIndex: 1, type: "discountTier", status: status === "FAILED" ? "FAILED" : "SUCCEEDED", attempts: status === "FAILED" ? 3 : 1, error: status === "FAILED" ? "tier boom" : null, startedAt: at(index) },
          ],
        },
      },
    });
  }
  for (let index = 0; index < 3; index++) {
    const email = await db.outboxEmail.create({
      data: {
        idempotencyKey: `key-${index}`,
        messageId: `<m-${index}@test>`,
        customerId: index === 2 ? null : customers[index]!.id,
        toAddress: `to-${index}@example.com`,
        subject: `Subject ${index}`,
        bodyText: `Hello ${index}\nSecond line`,
        bodyHtml: index === 0 ? `<p onclick="steal()">Hello <b>there</b></p><script>alert("x")</script>` : "",
        transport: "outbox",
        status: index === 1 ? "FAILED" : "SENT",
        attempts: 1,
        error: index === 1 ? "Mailbox full" : null,
        createdAt: at(index),
        sentAt: index === 1 ? null : at(index),
      },
    });
    if (index === 0) htmlEmailId = email.id;
  }
  await allowWebhookHost("metadata.google.internal", null);
});

afterAll(async () => {
  await stopJobQueue();
});

describe("a workflow's run history", () => {
  it.each(["en", "de", "pl"] as const)("shows the header, the counts and the newest runs with their steps (%s)", async (locale) => {
    pageContext.role = "ADMIN";
    const html = await renderPage(workflowPage(workflowId), locale);
    const visible = visibleText(html);
    expect(visible).toContain("Welcome VIPs");
    expect(html).toContain(`href="/customers/${customers[1]!.id}"`);
    expect(visible).toContain("Webhook answered 500");
    expect(visible).toContain("tier boom");
    expect(html).toMatch(/<table aria-label="[^"]+"/);
    expect(html).toMatch(new RegExp(`href="/workflows/${workflowId}\\?before=\\d+\\.[0-9a-f-]{36}"`));
    if (locale === "en") {
      expect(html).toContain('<section aria-label="Run counts"');
      expect(html).toContain('<table aria-label="Runs"');
      expect(visible).toMatch(/All runs 30 Scheduled 0 Running 0 Held 0 Completed 28 Stopped 1 Failed 1/);
      expect(visible).toContain("Stopped: the customer left the segment.");
      // Each run names the version of the steps it carries out.
      expect(visible.match(/Steps of version 1/g)).toHaveLength(25);
      expect(visible).toContain("Older runs");
      expect(visible).toContain("3 attempts");
      expect(html.match(/>Retry</g)).toHaveLength(1);
    }
    // 25 runs on the first page.
    expect(html.match(/<tr>/g)!.length - 1).toBe(25);
  });

  it("pages to older runs and filters by status", async () => {
    pageContext.role = "ADMIN";
    const first = await renderPage(workflowPage(workflowId));
    const cursor = /\?before=([^"&]+)"/.exec(first)![1]!;
    const older = await renderPage(workflowPage(workflowId, { before: decodeURIComponent(cursor) }));
    expect(older.match(/<tr>/g)!.length - 1).toBe(5);
    expect(visibleText(older)).toContain("Newest runs");
    expect(visibleText(older)).not.toContain("Older runs");
    const failed = await renderPage(workflowPage(workflowId, { status: "FAILED" }));
    expect(failed.match(/<tr>/g)!.length - 1).toBe(1);
    expect(failed).toContain('<option value="FAILED" selected="">Failed</option>');
  });

  it("hides Retry from managers", async () => {
    pageContext.role = "MANAGER";
    const html = await renderPage(workflowPage(workflowId));
    expect(html).not.toContain(">Retry<");
    expect(html).not.toContain("/workflows/webhook-hosts");
    pageContext.role = "ADMIN";
  });

  it.each(["en", "de", "pl"] as const)("says when a workflow has no runs yet (%s)", async (locale) => {
    const html = await renderPage(workflowPage(emptyWorkflowId), locale);
    if (locale === "en") expect(visibleText(html)).toContain("No runs yet");
    expect(html).not.toContain("<table");
  });

  it("gives 404 for an unknown workflow", async () => {
    await expect(workflowPage("00000000-0000-4000-8000-000000000009")()).rejects.toThrow("notFound");
    await expect(workflowPage("not-a-uuid")()).rejects.toThrow("notFound");
  });
});

describe("the outbox", () => {
  it.each(["en", "de", "pl"] as const)("lists emails newest first (%s)", async (locale) => {
    pageContext.role = "AGENT";
    const html = await renderPage(() => OutboxPage({ searchParams: Promise.resolve({}) }), locale);
    const visible = visibleText(html);
    expect(visible.indexOf("Subject 2")).toBeLessThan(visible.indexOf("Subject 1"));
    expect(visible.indexOf("Subject 1")).toBeLessThan(visible.indexOf("Subject 0"));
    expect(html).toContain(`href="/outbox/${htmlEmailId}"`);
    expect(html).toContain(`href="/customers/${customers[0]!.id}"`);
    if (locale === "en") expect(html).toContain('<table aria-label="Outbox"');
  });

  it("filters by customer", async () => {
    const html = await renderPage(() => OutboxPage({ searchParams: Promise.resolve({ customer: customers[1]!.id }) }));
    const visible = visibleText(html);
    expect(visible).toContain("Subject 1");
    expect(visible).not.toContain("Subject 0");
    expect(visible).toContain(`Emails to ${customers[1]!.name}`);
    const none = await renderPage(() => OutboxPage({ searchParams: Promise.resolve({ customer: customers[3]!.id }) }));
    expect(visibleText(none)).toContain("No emails to this customer");
  });

  it.each(["en", "de", "pl"] as const)("shows one email, its HTML only in a sandboxed iframe (%s)", async (locale) => {
    pageContext.role = "AGENT";
    const html = await renderPage(() => OutboxEmailPage({ params: Promise.resolve({ emailId: htmlEmailId }) }), locale);
    const visible = visibleText(html);
    expect(visible).toContain("to-0@example.com");
    expect(visible).toContain("Hello 0");
    expect(html).toMatch(/<iframe sandbox="" srcDoc="[^"]*&lt;script&gt;/i);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>there</b>");
  });

  it("shows an email without HTML without an iframe, and 404 for an unknown one", async () => {
    const emails = await db.outboxEmail.findMany({ where: { bodyHtml: "", status: "FAILED" }, select: { id: true } });
    const html = await renderPage(() => OutboxEmailPage({ params: Promise.resolve({ emailId: emails[0]!.id }) }));
    expect(html).not.toContain("<iframe");
    expect(visibleText(html)).toContain("Mailbox full");
    await expect(OutboxEmailPage({ params: Promise.resolve({ emailId: "00000000-0000-4000-8000-000000000009" }) })).rejects.toThrow("notFound");
  });
});

describe("the webhook allowlist page", () => {
  it.each(["en", "de", "pl"] as const)("lists allowed hosts with remove buttons and the add form (%s)", async (locale) => {
    pageContext.role = "ADMIN";
    const html = await renderPage(() => WebhookHostsPage(), locale);
    expect(visibleText(html)).toContain("metadata.google.internal");
    expect(html).toContain('name="host"');
    if (locale === "en") expect(html).toContain('aria-label="Remove metadata.google.internal"');
  });
});

describe("the Run workflow button", () => {
  it.each(["en", "de", "pl"] as const)("renders the button and a dialog named Run workflow for managers (%s)", async (locale) => {
    pageContext.role = "MANAGER";
    const html = await renderPage(() => RunWorkflowButton({ customerIds: [customers[0]!.id] }), locale);
    expect(html).toContain('role="dialog"');
    if (locale === "en") {
      expect(html).toContain(">Run workflow…</button>");
      expect(html).toMatch(/<dialog role="dialog" aria-labelledby="([^"]+)"[^>]*>.*<h2 id="\1"[^>]*>Run workflow<\/h2>/s);
    }
  });

  it("renders nothing for agents", async () => {
    pageContext.role = "AGENT";
    expect(await RunWorkflowButton({ customerIds: [customers[0]!.id] })).toBeNull();
  });
});
