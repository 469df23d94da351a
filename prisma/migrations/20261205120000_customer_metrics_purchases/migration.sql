-- Lifecycle stages go by purchases (paid or partially refunded orders), not by every order: the first and last
-- purchase are kept with the CLV figures. writtenAt lets a full recompute leave alone rows rescored after it read
-- its data. The historical value gets the same sort index as the other value columns of the customers list.

-- AlterTable
ALTER TABLE "CustomerMetrics" ADD COLUMN     "firstPurchaseAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastPurchaseAt" TIMESTAMPTZ(3),
ADD COLUMN     "writtenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "CustomerMetrics_historicalValueMinor_customerId_idx" ON "CustomerMetrics"("historicalValueMinor", "customerId");

-- Existing customers keep their lifecycle stage until the next recompute writes these.
UPDATE "CustomerMetrics" m
SET "firstPurchaseAt" = p.first_at, "lastPurchaseAt" = p.last_at
FROM (
  SELECT "customerId", min("placedAt") AS first_at, max("placedAt") AS last_at
  FROM "Order"
  WHERE "status" IN ('PAID', 'PARTIALLY_REFUNDED')
  GROUP BY "customerId"
) p
WHERE m."customerId" = p."customerId";
