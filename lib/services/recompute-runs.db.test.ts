/**
 * Recompute runs against a real database and a real pg-boss queue: requests at the same moment make one run with
 * one job; a request joins a run that has not started and queues the next one while a run is going; workflows
 * stay suppressed only if every request asked; a queued run whose job is lost is replaced instead of joined
 * forever; and a settings change during a run is neither undone by it nor joined to it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { inTransaction } from "@/lib/db/pg-transaction";
import { createRecomputeRun, lockRunRequests, markRunStarted } from "@/lib/db/recompute-runs";
import { getSettings } from "@/lib/db/settings";
import { cancelRecomputeJobs, enqueueRecompute, jobQueue, listLiveRecomputeJobs, QUEUES, stopJobQueue } from "@/lib/jobs/queue";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { recomputeCustomerValue } from "./recompute-customer-value";
import { healQueuedRuns, requestRecompute, runRecompute } from "./recompute-runs";
import { applySettings } from "./settings-changes";

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const jobsDb = { executeSql: (text: string, values: unknown[]) => pgPool().query(text, values) };
const liveJobs = () => listLiveRecomputeJobs(jobsDb);

/** What the worker does when it takes a run's job: the job becomes active, then the run is marked started. */
async function startAsWorker(runId: string) {
  const [job] = await (await jobQueue()).fetch<{ runId: string }>(QUEUES.recompute);
  expect(job?.data.runId).toBe(runId);
  const started = await inTransaction(pgPool(), async (client) => {
    await lockRunRequests(client);
    return markRunStarted(client, runId);
  });
  expect(started).not.toBeNull();
}

beforeAll(async () => {
  await seedShop(300);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

beforeEach(async () => {
  await cancelRecomputeJobs(
    (await liveJobs()).map((job) => job.id),
    jobsDb,
  );
  await db.clvRecomputeRun.updateMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", finishedAt: new Date() } });
});

afterAll(async () => {
  await stopJobQueue();
});

describe("requesting a recompute", () => {
  it("makes one run with one job when two requests arrive at once", async () => {
    const [a, b] = await Promise.all([requestRecompute({ trigger: "ADMIN", requestedById: admin.id }), requestRecompute({ trigger: "SCHEDULE" })]);
    expect(a.run.id).toBe(b.run.id);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    expect(await db.clvRecomputeRun.count({ where: { status: "QUEUED" } })).toBe(1);
    expect((await liveJobs()).map((job) => job.runId)).toEqual([a.run.id]);
  });

  it("keeps workflows suppressed for a joined run only if every request asked for that", async () => {
    const first = await requestRecompute({ trigger: "ADMIN", suppressWorkflows: true });
    expect(first.run.suppressWorkflows).toBe(true);
    const second = await requestRecompute({ trigger: "ADMIN", suppressWorkflows: true });
    expect(second).toMatchObject({ isNew: false, run: { id: first.run.id, suppressWorkflows: true } });
    const third = await requestRecompute({ trigger: "SCHEDULE", suppressWorkflows: false });
    expect(third).toMatchObject({ isNew: false, run: { id: first.run.id, suppressWorkflows: false } });
    // Once a request wanted workflows, a later quiet one does not take that back.
    expect((await requestRecompute({ trigger: "ADMIN", suppressWorkflows: true })).run.suppressWorkflows).toBe(false);
  });

  it("queues the next run while one is running, and later requests join that one", async () => {
    const running = await requestRecompute({ trigger: "SCHEDULE" });
    await startAsWorker(running.run.id);
    // An import that finished now, or a settings change: the running run may have read its data before.
    const followUp = await requestRecompute({ trigger: "ADMIN", requestedById: admin.id, suppressWorkflows: true });
    expect(followUp.isNew).toBe(true);
    expect(followUp.run.id).not.toBe(running.run.id);
    expect(followUp.run.status).toBe("QUEUED");
    const joined = await requestRecompute({ trigger: "ADMIN" });
    expect(joined).toMatchObject({ isNew: false, run: { id: followUp.run.id, suppressWorkflows: false } });
    expect((await liveJobs()).map((job) => [job.runId, job.state]).sort()).toEqual(
      [
        [running.run.id, "active"],
        [followUp.run.id, "created"],
      ].sort(),
    );
  });

  it("fails a queued run whose job is gone and queues a new one instead of joining it forever", async () => {
    const orphan = await createRecomputeRun({ trigger: "ADMIN" });
    const request = await requestRecompute({ trigger: "ADMIN", requestedById: admin.id });
    expect(request.isNew).toBe(true);
    expect(request.run.id).not.toBe(orphan.id);
    expect(await db.clvRecomputeRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: "FAILED", error: expect.stringContaining("job was lost") });
    expect((await liveJobs()).map((job) => job.runId)).toEqual([request.run.id]);
    // Its job, should it turn up after all, does not start it again.
    expect(await runRecompute(orphan.id, TEST_NOW)).toBeNull();
  });

  it("fails job-less queued runs when the worker starts", async () => {
    const orphan = await createRecomputeRun({ trigger: "SCHEDULE" });
    expect(await healQueuedRuns()).toBe(1);
    expect((await db.clvRecomputeRun.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("FAILED");
  });

  it("clears a leftover waiting job that belongs to no queued run, which would block the queue", async () => {
    const finished = await createRecomputeRun({ trigger: "ADMIN" });
    await db.clvRecomputeRun.update({ where: { id: finished.id }, data: { status: "SUCCEEDED" } });
    expect(await enqueueRecompute({ runId: finished.id })).toBe(true);
    const request = await requestRecompute({ trigger: "ADMIN" });
    expect(request.isNew).toBe(true);
    expect((await liveJobs()).map((job) => job.runId)).toEqual([request.run.id]);
  });
});

describe("settings changed while a recompute runs", () => {
  const vipOf = async () => {
    const segment = await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true, state: true } });
    return { id: segment.id, state: segment.state as { settingsVersion: number; enterMinor: number }, members: await db.segmentMembership.count({ where: { segmentId: segment.id } }) };
  };

  it("keeps a threshold saved during the run instead of redrawing the old one at its end", async () => {
    const run = await createRecomputeRun({ trigger: "SCHEDULE" });
    let applied: Awaited<ReturnType<typeof applySettings>> | null = null;
    let vipsAfterSave = 0;
    await recomputeCustomerValue({
      now: TEST_NOW,
      runId: run.id,
      onProgress: async (phase) => {
        if (phase !== "scoring" || applied) return;
        const current = await getSettings();
        applied = await applySettings(
          { ...current.values, vip: { ...current.values.vip, enterTopPercent: 12, exitTopPercent: 14 } },
          { actorId: admin.id, expectedVersion: current.version, suppressWorkflows: true, now: TEST_NOW },
        );
        vipsAfterSave = (await vipOf()).members;
      },
    });
    expect(applied!.membershipChanges).toBeGreaterThan(0);
    const vip = await vipOf();
    expect(vip.state.settingsVersion).toBe(applied!.version);
    expect(vip.members).toBe(vipsAfterSave);
    // The run found the memberships already in line with the new lines: it moved nobody out again.
    expect(await db.segmentMembershipEvent.count({ where: { segmentId: vip.id, runId: run.id } })).toBe(0);
  });

  it("queues a run with the new settings when the change moves the figures, rather than joining the running one", async () => {
    const running = await requestRecompute({ trigger: "SCHEDULE" });
    await startAsWorker(running.run.id);
    const current = await getSettings();
    const applied = await applySettings({ ...current.values, clv: { ...current.values.clv, horizonMonths: 18 } }, { actorId: admin.id, expectedVersion: current.version, suppressWorkflows: false });
    expect(applied.recomputeRunId).toBeTruthy();
    expect(applied.recomputeRunId).not.toBe(running.run.id);
    expect(await db.clvRecomputeRun.findUniqueOrThrow({ where: { id: applied.recomputeRunId! } })).toMatchObject({ status: "QUEUED", trigger: "SETTINGS_CHANGE" });
  });
});
