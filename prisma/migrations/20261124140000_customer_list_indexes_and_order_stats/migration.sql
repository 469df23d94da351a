-- What Prisma's schema language cannot express (docs/decisions/0004-indexes-and-order-aggregates.md).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- An email belongs to at most one live (not archived) customer, compared case-insensitively.
CREATE UNIQUE INDEX "Customer_live_email_key" ON "Customer" (lower("email"))
  WHERE "archivedAt" IS NULL AND "email" IS NOT NULL;

-- The customers list shows live customers, sorted by one column with the id as a tie-breaker.
CREATE INDEX "Customer_live_name_idx" ON "Customer" ("name", "id") WHERE "archivedAt" IS NULL;
CREATE INDEX "Customer_live_createdAt_idx" ON "Customer" ("createdAt", "id") WHERE "archivedAt" IS NULL;
CREATE INDEX "Customer_live_orderCount_idx" ON "Customer" ("orderCount", "id") WHERE "archivedAt" IS NULL;
CREATE INDEX "Customer_live_totalSpent_idx" ON "Customer" ("totalSpentMinor", "id") WHERE "archivedAt" IS NULL;
-- DESC NULLS LAST: "most recent order first, never ordered last", read backwards it serves ASC NULLS FIRST.
CREATE INDEX "Customer_live_lastOrderAt_idx" ON "Customer" ("lastOrderAt" DESC NULLS LAST, "id" DESC)
  WHERE "archivedAt" IS NULL;

-- Filters.
CREATE INDEX "Customer_live_country_idx" ON "Customer" ("country", "totalSpentMinor") WHERE "archivedAt" IS NULL;
CREATE INDEX "Customer_live_channel_idx" ON "Customer" ("acquisitionChannel") WHERE "archivedAt" IS NULL;
CREATE INDEX "Customer_tags_idx" ON "Customer" USING GIN ("tags");

-- Case-insensitive substring search (ILIKE '%term%') on name, email and company.
CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Customer_email_trgm_idx" ON "Customer" USING GIN ("email" gin_trgm_ops);
CREATE INDEX "Customer_company_trgm_idx" ON "Customer" USING GIN ("company" gin_trgm_ops);

-- Order aggregates on "Customer", recomputed for exactly the customers a statement touched, by whichever
-- writer touched them. Statement-level triggers with transition tables keep bulk loads (COPY, multi-row
-- INSERT) set-based: one aggregation per statement, not one per row.
CREATE FUNCTION refresh_customer_order_stats(customer_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Serialise concurrent writers for the same customer; NO KEY UPDATE does not conflict with the KEY SHARE
  -- locks that inserting an order takes, so two concurrent inserts cannot deadlock here. Locking in id order
  -- keeps multi-customer statements deadlock-free, and the UPDATE below (a new statement) then sees every
  -- order committed before the lock was granted.
  PERFORM 1 FROM "Customer" WHERE "id" = ANY (customer_ids) ORDER BY "id" FOR NO KEY UPDATE;

  UPDATE "Customer" AS c
  SET "orderCount" = s.order_count,
      "totalSpentMinor" = s.total_spent,
      "firstOrderAt" = s.first_order_at,
      "lastOrderAt" = s.last_order_at
  FROM (
    SELECT ids.id,
           count(o."id") FILTER (WHERE o."status" <> 'CANCELLED')::int AS order_count,
           coalesce(sum(o."totalMinor" - o."refundedMinor") FILTER (WHERE o."status" <> 'CANCELLED'), 0)::bigint
             AS total_spent,
           min(o."placedAt") FILTER (WHERE o."status" <> 'CANCELLED') AS first_order_at,
           max(o."placedAt") FILTER (WHERE o."status" <> 'CANCELLED') AS last_order_at
    FROM unnest(customer_ids) AS ids(id)
    LEFT JOIN "Order" o ON o."customerId" = ids.id
    GROUP BY ids.id
  ) AS s
  WHERE c."id" = s.id
    AND (c."orderCount", c."totalSpentMinor", c."firstOrderAt", c."lastOrderAt")
        IS DISTINCT FROM (s.order_count, s.total_spent, s.first_order_at, s.last_order_at);
END
$$;

CREATE FUNCTION order_stats_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_customer_order_stats(ARRAY(SELECT DISTINCT "customerId" FROM new_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION order_stats_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_customer_order_stats(ARRAY(
    SELECT "customerId" FROM new_rows UNION SELECT "customerId" FROM old_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION order_stats_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_customer_order_stats(ARRAY(SELECT DISTINCT "customerId" FROM old_rows));
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_stats_insert" AFTER INSERT ON "Order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_stats_after_insert();
CREATE TRIGGER "Order_stats_update" AFTER UPDATE ON "Order"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_stats_after_update();
CREATE TRIGGER "Order_stats_delete" AFTER DELETE ON "Order"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION order_stats_after_delete();
