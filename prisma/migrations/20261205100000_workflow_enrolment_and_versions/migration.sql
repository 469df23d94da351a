-- Workflow enrolment, pinned steps and archived customers (docs/decisions/0010-enrolment-horizon-and-pinned-steps.md).

-- The event-log lock: every transaction that writes membership events holds it in shared mode from before its
-- first id until it ends, so the enrolment can hold it exclusively for an instant and know that every id so far is
-- committed or gone. lib/db/segment-memberships.ts takes it itself (before the per-segment lock); this trigger
-- takes it for any other writer. The key must stay the same as EVENT_LOG_LOCK there.
CREATE FUNCTION "segment_membership_event_write_lock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('segment-membership-event-log'));
  RETURN NULL;
END
$$;

CREATE TRIGGER "segment_membership_event_write_lock"
  BEFORE INSERT ON "SegmentMembershipEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "segment_membership_event_write_lock"();

-- CreateTable
CREATE TABLE "WorkflowVersion" (
    "workflowId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "steps" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowVersion_pkey" PRIMARY KEY ("workflowId","version")
);

-- AddForeignKey
ALTER TABLE "WorkflowVersion" ADD CONSTRAINT "WorkflowVersion_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Runs of an older version than their workflow's: those steps were not kept before this migration, so they carry on
-- with the current ones, as they did until now.
INSERT INTO "WorkflowVersion" ("workflowId", "version", "steps")
SELECT DISTINCT r."workflowId", r."workflowVersion", w."steps"
FROM "WorkflowRun" r JOIN "Workflow" w ON w."id" = r."workflowId"
WHERE r."workflowVersion" <> w."version";

-- Archiving a customer (or erasing one, which archives too) stops their open runs at once: no email, task or
-- webhook for someone staff took out of the lists. A run a worker is busy with right now is skipped here; the
-- worker stops it before its next step.
CREATE FUNCTION "stop_workflow_runs_of_archived_customer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "WorkflowRun"
     SET "status" = 'STOPPED',
         "stopReason" = CASE WHEN NEW."erasedAt" IS NOT NULL THEN 'customerErased' ELSE 'customerArchived' END,
         "finishedAt" = now(), "updatedAt" = now()
   WHERE "id" IN (SELECT "id" FROM "WorkflowRun"
                   WHERE "customerId" = NEW."id" AND "status" IN ('SCHEDULED', 'RUNNING', 'HELD')
                     FOR UPDATE SKIP LOCKED);
  RETURN NULL;
END
$$;

CREATE TRIGGER "stop_workflow_runs_of_archived_customer"
  AFTER UPDATE OF "archivedAt" ON "Customer"
  FOR EACH ROW WHEN (OLD."archivedAt" IS NULL AND NEW."archivedAt" IS NOT NULL)
  EXECUTE FUNCTION "stop_workflow_runs_of_archived_customer"();
