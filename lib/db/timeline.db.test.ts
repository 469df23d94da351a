import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { db } from "./client";
import { addNote, addTask, completeTask } from "./notes-and-tasks";
import { refundOrder } from "./orders";
import { listTimeline } from "./timeline";

let customerId: string;

beforeAll(async () => {
  await seedShop(1);
  customerId = (await db.customer.create({ data: { name: "Timeline" }, select: { id: true } })).id;
  const at = (day: number) => new Date(Date.UTC(2026, 4, day, 12));
  const order = await db.order.create({ data: { externalId: "TL-1", customerId, placedAt: at(1), currency: "EUR", totalMinor: 9900 }, select: { id: true } });
  await db.order.update({ where: { id: order.id }, data: { status: "PARTIALLY_REFUNDED", refundedMinor: 1900, refundedAt: at(5) } });
  await db.order.create({ data: { externalId: "TL-2", customerId, placedAt: at(3), currency: "EUR", totalMinor: 500, status: "CANCELLED", cancelledAt: at(4) } });
  const note = await addNote(customerId, DEMO_USERS[2]!.id, { kind: "CALL", body: "Asked about the refund" });
  await db.note.update({ where: { id: note.id }, data: { createdAt: at(6) } });
  const task = await addTask(customerId, DEMO_USERS[2]!.id, { title: "Call back", dueAt: at(9), assigneeId: DEMO_USERS[2]!.id });
  await db.task.update({ where: { id: task.id }, data: { createdAt: at(7) } });
  // Completed by someone other than the assignee: the timeline names who did it.
  await completeTask(task.id, customerId, DEMO_USERS[1]!.id, at(8));
});

describe("customer timeline", () => {
  it("merges orders, refunds, cancellations, notes and tasks, newest first", async () => {
    const { events, hasMore } = await listTimeline(customerId, 20);
    expect(hasMore).toBe(false);
    expect(events.map((event) => event.kind)).toEqual(["task_completed", "task_created", "note", "order_refunded", "order_cancelled", "order_placed", "order_placed"]);
    // Written in bulk (only the order's refunded total, like the seed and the CSV import): one refund at refundedAt.
    expect(events[3]).toMatchObject({ kind: "order_refunded", orderNumber: "TL-1", amountMinor: 1900, source: "order-total", system: "crm", author: null });
    expect(events[3]!.at).toEqual(new Date(Date.UTC(2026, 4, 5, 12)));
    expect(events[0]).toMatchObject({ kind: "task_completed", title: "Call back", author: DEMO_USERS[1]!.name });
    expect(events[2]).toMatchObject({ kind: "note", noteKind: "CALL", body: "Asked about the refund", author: "Sam Support" });
  });

  it("pages: the newest events first, and says there are more", async () => {
    const { events, hasMore } = await listTimeline(customerId, 3);
    expect(events.map((event) => event.kind)).toEqual(["task_completed", "task_created", "note"]);
    expect(hasMore).toBe(true);
  });

  it("completing a task twice is harmless", async () => {
    const task = await db.task.findFirstOrThrow({ where: { customerId } });
    await completeTask(task.id, customerId, DEMO_USERS[2]!.id, new Date());
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).completedAt).toEqual(new Date(Date.UTC(2026, 4, 8, 12)));
  });
});

describe("refunds on the timeline", () => {
  it("shows every partial refund with its amount, time, who recorded it and why; not one overwritten total", async () => {
    const customer = await db.customer.create({ data: { name: "Refunds" }, select: { id: true } });
    const at = (day: number) => new Date(Date.UTC(2026, 6, day, 12));
    const order = await db.order.create({ data: { externalId: "RF-1", customerId: customer.id, placedAt: at(1), currency: "EUR", totalMinor: 10_000 }, select: { id: true } });
    await refundOrder(order.id, 1_000, DEMO_USERS[1]!.id, at(2), { source: "crm", reason: "Scratched case" });
    await refundOrder(order.id, 2_500, null, at(4), { source: "api" });
    await refundOrder(order.id, 6_500, DEMO_USERS[0]!.id, at(6), { source: "crm" });

    const { events } = await listTimeline(customer.id, 10);
    const refunds = events.filter((event) => event.kind === "order_refunded");
    expect(refunds.map((event) => [event.at.toISOString(), event.kind === "order_refunded" ? [event.amountMinor, event.source, event.author, event.reason] : null])).toEqual([
      [at(6).toISOString(), [6_500, "crm", DEMO_USERS[0]!.name, null]],
      [at(4).toISOString(), [2_500, "api", null, null]],
      [at(2).toISOString(), [1_000, "crm", DEMO_USERS[1]!.name, "Scratched case"]],
    ]);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, refundedMinor: true } })).toEqual({ status: "REFUNDED", refundedMinor: 10_000 });
  });

  it("a refund that fails its checks writes no refund row", async () => {
    const customer = await db.customer.create({ data: { name: "Refund refused" }, select: { id: true } });
    const order = await db.order.create({ data: { externalId: "RF-2", customerId: customer.id, placedAt: new Date(), currency: "EUR", totalMinor: 500 }, select: { id: true } });
    await expect(refundOrder(order.id, 501, null, new Date())).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.orderRefund.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("adds the part of a bulk-written total that no refund row explains after the itemised refunds", async () => {
    const customer = await db.customer.create({ data: { name: "Mixed refunds" }, select: { id: true } });
    const at = (day: number) => new Date(Date.UTC(2026, 7, day, 12));
    const order = await db.order.create({ data: { externalId: "RF-3", source: "shop", customerId: customer.id, placedAt: at(1), currency: "EUR", totalMinor: 4_000 }, select: { id: true } });
    await refundOrder(order.id, 1_000, DEMO_USERS[1]!.id, at(2));
    // A later import raises the total by 500 without a refund row.
    await db.order.update({ where: { id: order.id }, data: { refundedMinor: 1_500, refundedAt: at(3) } });
    const { events } = await listTimeline(customer.id, 10);
    expect(events.filter((event) => event.kind === "order_refunded").map((event) => event.kind === "order_refunded" && [event.amountMinor, event.source, event.system])).toEqual([
      [500, "order-total", "shop"],
      [1_000, "crm", null],
    ]);
  });
});

describe("workflow runs on the timeline", () => {
  it("shows a run's start, its finished steps (not its waits) and its end, with the stop reason or error", async () => {
    const customer = await db.customer.create({ data: { name: "Timeline runs" }, select: { id: true } });
    const segment = await db.segment.findFirstOrThrow({ where: { key: "vip" }, select: { id: true } });
    const workflow = await db.workflow.create({
      data: { name: "VIP welcome", segmentId: segment.id, trigger: "ENTER", steps: [{ type: "wait", amount: 1, unit: "days" }, { type: "email", subject: "Hi", body: "Hello" }, { type: "webhook", url: "https://shop.example/hook" }] },
      select: { id: true },
    });
    const at = (hour: number) => new Date(Date.UTC(2026, 5, 1, hour));
    await db.workflowRun.create({
      data: {
        workflowId: workflow.id, workflowVersion: 1, customerId: customer.id, source: "MANUAL", manualRequestId: "timeline", status: "FAILED",
        lastError: "The webhook answered 500.", createdAt: at(1), finishedAt: at(5),
        steps: {
          create: [
            { stepIndex: 0, type: "wait", status: "SUCCEEDED", startedAt: at(1), finishedAt: at(2) },
            { stepIndex: 1, type: "email", status: "SUCCEEDED", startedAt: at(3), finishedAt: at(3) },
            { stepIndex: 2, type: "webhook", status: "FAILED", attempts: 5, error: "The webhook answered 500.", startedAt: at(4), finishedAt: at(5) },
          ],
        },
      },
    });

    const { events } = await listTimeline(customer.id, 10);
    expect(events.map((event) => [event.kind, event.at.toISOString()])).toEqual([
      ["workflow_finished", at(5).toISOString()],
      ["workflow_step", at(5).toISOString()],
      ["workflow_step", at(3).toISOString()],
      ["workflow_started", at(1).toISOString()],
    ]);
    expect(events[0]).toMatchObject({ workflowId: workflow.id, workflowName: "VIP welcome", status: "FAILED", error: "The webhook answered 500.", stopReason: null });
    expect(events[1]).toMatchObject({ stepType: "webhook", status: "FAILED", error: "The webhook answered 500." });
    expect(events[2]).toMatchObject({ stepType: "email", status: "SUCCEEDED", error: null });
    expect(events[3]).toMatchObject({ workflowName: "VIP welcome", source: "MANUAL" });
  });
});
