-- Every refund becomes its own row (the timeline lost earlier partial refunds when refundedAt was overwritten),
-- tasks remember who completed them, and old sign-in attempts can be deleted by age.

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "completedById" UUID;

-- CreateTable
CREATE TABLE "OrderRefund" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orderId" UUID NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "refundedAt" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderRefund_orderId_refundedAt_idx" ON "OrderRefund"("orderId", "refundedAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_attemptedAt_idx" ON "SignInAttempt"("attemptedAt");

-- AddForeignKey
ALTER TABLE "OrderRefund" ADD CONSTRAINT "OrderRefund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderRefund" ADD CONSTRAINT "OrderRefund_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing refunds. Each refund recorded in the CRM (a user) or through the API (no user) left an audit entry
-- with its amount: those come back one row each, at the time and by the user recorded there.
INSERT INTO "OrderRefund" ("orderId", "amountMinor", "refundedAt", "actorId", "source")
SELECT o."id", (a."after"->>'amountMinor')::int, a."createdAt", a."actorId", CASE WHEN a."actorId" IS NULL THEN 'api' ELSE 'crm' END
  FROM "AuditLog" a
  JOIN "Order" o ON o."id"::text = a."entityId"
 WHERE a."action" = 'order.refund' AND a."entityType" = 'Order'
   AND jsonb_typeof(a."after"->'amountMinor') = 'number' AND (a."after"->>'amountMinor')::numeric > 0;

-- What the audit log does not explain (the seed, CSV imports, audit entries erased with a person) becomes one
-- refund per order at the order's refundedAt.
INSERT INTO "OrderRefund" ("orderId", "amountMinor", "refundedAt", "source")
SELECT o."id", o."refundedMinor" - coalesce(r.total, 0), coalesce(o."refundedAt", o."updatedAt"), 'migration'
  FROM "Order" o
  LEFT JOIN (SELECT "orderId", sum("amountMinor") AS total FROM "OrderRefund" GROUP BY "orderId") r ON r."orderId" = o."id"
 WHERE o."refundedMinor" > coalesce(r.total, 0);

-- Who completed tasks done before now is unknown: completedById stays null for them (the assignee is not
-- necessarily the one who did it).
