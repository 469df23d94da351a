/**
 * Starting runs from segment entries and exits: the membership event log is read in id order from a cursor, up to
 * a settled horizon (no lower id can still commit), and each batch's runs, their first step jobs and the cursor
 * move are committed together. One worker enrols at a time (an advisory lock); the others find the lock taken and
 * carry on with steps.
 */
import type pg from "pg";
import type PgBoss from "pg-boss";
import { inTransaction } from "@/lib/db/pg-transaction";
import { enrolFromEvents, hasEventsPastCursor, settledEventHorizon } from "@/lib/db/workflow-enrolment";
import { insertStepJobs } from "./step-jobs";

export type EnrolmentTotals = { eventsRead: number; runsStarted: number };

export async function enrolNewMembershipEvents(boss: PgBoss, pool: pg.Pool, batchSize = 5_000): Promise<EnrolmentTotals> {
  const totals: EnrolmentTotals = { eventsRead: 0, runsStarted: 0 };
  if (!(await hasEventsPastCursor(pool))) return totals;
  // Null: a segment refresh is still writing; the next poll tries again and finds its events committed.
  const horizon = await settledEventHorizon(pool);
  if (horizon === null) return totals;
  for (;;) {
    const batch = await inTransaction(pool, async (client) => {
      const enrolled = await enrolFromEvents(client, horizon, batchSize);
      if (enrolled) await insertStepJobs(boss, client, enrolled.runsCreated.map((run) => ({ runId: run.id, step: run.nextStep })));
      return enrolled;
    });
    if (!batch) return totals;
    totals.eventsRead += batch.eventsRead;
    totals.runsStarted += batch.runsCreated.length;
    if (batch.eventsRead < batchSize) return totals;
  }
}
