-- Customer value (CLV metrics, model fits, recompute runs), versioned admin settings, segments and their
-- membership history. See docs/decisions/0006-clv-recompute-and-segments.md.

-- CreateEnum
CREATE TYPE "SegmentKind" AS ENUM ('BUILTIN', 'RFM', 'CUSTOM');

-- CreateEnum
CREATE TYPE "MembershipChange" AS ENUM ('ENTER', 'EXIT');

-- CreateEnum
CREATE TYPE "ClvRunTrigger" AS ENUM ('SEED', 'SCHEDULE', 'ADMIN', 'SETTINGS_CHANGE');

-- CreateEnum
CREATE TYPE "ClvRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "CustomerMetrics" (
    "customerId" UUID NOT NULL,
    "historicalValueMinor" BIGINT NOT NULL,
    "predictedValueMinor" BIGINT,
    "totalClvMinor" BIGINT NOT NULL,
    "simpleClvMinor" BIGINT,
    "probabilityAlive" DOUBLE PRECISION,
    "expectedPurchases" DOUBLE PRECISION,
    "expectedOrderValueMinor" INTEGER,
    "expectedNextOrderAt" TIMESTAMPTZ(3),
    "recencyScore" SMALLINT,
    "frequencyScore" SMALLINT,
    "monetaryScore" SMALLINT,
    "rfmGroup" TEXT,
    "modelFitId" UUID,
    "settingsVersion" INTEGER NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomerMetrics_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "ClvModelFit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "runId" UUID,
    "status" TEXT NOT NULL,
    "purchaseModel" TEXT,
    "selection" TEXT NOT NULL,
    "purchaseParams" JSONB,
    "purchaseLogLikelihood" DOUBLE PRECISION,
    "purchaseConverged" BOOLEAN,
    "spendParams" JSONB,
    "spendConverged" BOOLEAN,
    "unavailable" JSONB,
    "backtest" JSONB,
    "scoringContext" JSONB NOT NULL,
    "timeUnit" TEXT NOT NULL,
    "dataStart" TIMESTAMPTZ(3),
    "observationEnd" TIMESTAMPTZ(3) NOT NULL,
    "calibrationEnd" TIMESTAMPTZ(3),
    "customers" INTEGER NOT NULL,
    "repeatCustomers" INTEGER NOT NULL,
    "settingsVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClvModelFit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClvRecomputeRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "trigger" "ClvRunTrigger" NOT NULL,
    "requestedById" UUID,
    "status" "ClvRunStatus" NOT NULL DEFAULT 'QUEUED',
    "phase" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "suppressWorkflows" BOOLEAN NOT NULL DEFAULT false,
    "customersScored" INTEGER,
    "membershipChanges" INTEGER,
    "timings" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ClvRecomputeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "version" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "kind" "SegmentKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "rule" JSONB,
    "ruleVersion" INTEGER NOT NULL DEFAULT 1,
    "state" JSONB,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SegmentMembership" (
    "segmentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SegmentMembership_pkey" PRIMARY KEY ("segmentId","customerId")
);

-- CreateTable
CREATE TABLE "SegmentMembershipEvent" (
    "id" BIGSERIAL NOT NULL,
    "segmentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "change" "MembershipChange" NOT NULL,
    "reason" JSONB NOT NULL,
    "settingsVersion" INTEGER NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "runId" UUID,
    "suppressWorkflows" BOOLEAN NOT NULL DEFAULT false,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SegmentMembershipEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerMetrics_totalClvMinor_customerId_idx" ON "CustomerMetrics"("totalClvMinor", "customerId");


-- CreateIndex
CREATE INDEX "ClvModelFit_createdAt_idx" ON "ClvModelFit"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "ClvRecomputeRun_createdAt_idx" ON "ClvRecomputeRun"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Segment_key_key" ON "Segment"("key");

-- CreateIndex
CREATE INDEX "SegmentMembership_customerId_idx" ON "SegmentMembership"("customerId");

-- CreateIndex
CREATE INDEX "SegmentMembershipEvent_customerId_occurredAt_idx" ON "SegmentMembershipEvent"("customerId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "SegmentMembershipEvent_segmentId_occurredAt_idx" ON "SegmentMembershipEvent"("segmentId", "occurredAt" DESC);

-- AddForeignKey
ALTER TABLE "CustomerMetrics" ADD CONSTRAINT "CustomerMetrics_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerMetrics" ADD CONSTRAINT "CustomerMetrics_modelFitId_fkey" FOREIGN KEY ("modelFitId") REFERENCES "ClvModelFit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClvModelFit" ADD CONSTRAINT "ClvModelFit_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ClvRecomputeRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClvRecomputeRun" ADD CONSTRAINT "ClvRecomputeRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettingsVersion" ADD CONSTRAINT "SettingsVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Segment" ADD CONSTRAINT "Segment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembership" ADD CONSTRAINT "SegmentMembership_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembership" ADD CONSTRAINT "SegmentMembership_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- The built-in segments always exist; their rules come from the admin settings (lib/domain/segments/).
INSERT INTO "Segment" ("key", "kind", "name", "updatedAt") VALUES
  ('vip', 'BUILTIN', 'VIP', CURRENT_TIMESTAMP),
  ('at_risk_vip', 'BUILTIN', 'At-risk VIP', CURRENT_TIMESTAMP),
  ('new', 'BUILTIN', 'New', CURRENT_TIMESTAMP),
  ('active', 'BUILTIN', 'Active', CURRENT_TIMESTAMP),
  ('at_risk', 'BUILTIN', 'At risk', CURRENT_TIMESTAMP),
  ('lost', 'BUILTIN', 'Lost', CURRENT_TIMESTAMP),
  ('rfm:champions', 'RFM', 'Champions', CURRENT_TIMESTAMP),
  ('rfm:loyal', 'RFM', 'Loyal', CURRENT_TIMESTAMP),
  ('rfm:promising', 'RFM', 'Promising', CURRENT_TIMESTAMP),
  ('rfm:needs_attention', 'RFM', 'Needs attention', CURRENT_TIMESTAMP),
  ('rfm:at_risk', 'RFM', 'At risk', CURRENT_TIMESTAMP),
  ('rfm:cant_lose', 'RFM', 'Can''t lose them', CURRENT_TIMESTAMP),
  ('rfm:hibernating', 'RFM', 'Hibernating', CURRENT_TIMESTAMP),
  ('rfm:lost', 'RFM', 'Lost', CURRENT_TIMESTAMP);

-- The customers list sorts by value columns straight from these indexes (nulls last in the list's direction).
CREATE INDEX "CustomerMetrics_predicted_sort_idx" ON "CustomerMetrics" ("predictedValueMinor" DESC NULLS LAST, "customerId" DESC);
CREATE INDEX "CustomerMetrics_alive_sort_idx" ON "CustomerMetrics" ("probabilityAlive", "customerId");

-- Every customer has one metrics row from the start (zeros until scored), so the list can be driven from the
-- value indexes with a plain join. Statement-level, so bulk inserts add all rows in one go.
CREATE FUNCTION customer_metrics_for_new_customers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CustomerMetrics" ("customerId", "historicalValueMinor", "totalClvMinor", "settingsVersion", "computedAt")
  SELECT "id", 0, 0, 0, CURRENT_TIMESTAMP FROM new_rows
  ON CONFLICT ("customerId") DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER customer_metrics_for_new_customers
AFTER INSERT ON "Customer" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION customer_metrics_for_new_customers();

INSERT INTO "CustomerMetrics" ("customerId", "historicalValueMinor", "totalClvMinor", "settingsVersion", "computedAt")
SELECT "id", 0, 0, 0, CURRENT_TIMESTAMP FROM "Customer"
ON CONFLICT ("customerId") DO NOTHING;

-- The membership event log has no foreign keys (their row-by-row checks doubled the cost of a large refresh);
-- these statement-level triggers remove a deleted customer's or segment's events instead.
CREATE FUNCTION delete_membership_events_of_customers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SegmentMembershipEvent" e USING old_rows o WHERE e."customerId" = o."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER delete_membership_events_of_customers
AFTER DELETE ON "Customer" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION delete_membership_events_of_customers();

CREATE FUNCTION delete_membership_events_of_segments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SegmentMembershipEvent" e USING old_rows o WHERE e."segmentId" = o."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER delete_membership_events_of_segments
AFTER DELETE ON "Segment" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION delete_membership_events_of_segments();
