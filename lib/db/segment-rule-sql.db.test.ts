/**
 * A segment rule must give the same members whether it runs as SQL over the whole base (memberships) or in
 * TypeScript for one customer (the profile's "why"). Random rules over every field and operator, on a seeded
 * demo shop with real CLV figures.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/clv/random";
import type { CustomerFacts } from "@/lib/domain/segments/customer-facts";
import { lifecycleSegmentRules, DEFAULT_LIFECYCLE_THRESHOLDS } from "@/lib/domain/segments/lifecycle-segments";
import { randomSegmentRule } from "@/lib/domain/segments/random-rules";
import { matchesRule, type SegmentRule } from "@/lib/domain/segments/segment-rule";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { loadCustomerFacts } from "./customer-facts";
import { pgPool } from "./pg-pool";
import { compileSegmentRule } from "./segment-rule-sql";

let facts: Map<string, CustomerFacts>;
let countries: string[];
let tags: string[];

beforeAll(async () => {
  await seedShop(500);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  facts = await loadCustomerFacts();
  countries = [...new Set([...facts.values()].map((f) => f.country).filter((c): c is string => c !== null))];
  tags = [...new Set([...facts.values()].flatMap((f) => f.tags))];
});

async function sqlMembers(rule: SegmentRule, now: Date): Promise<Set<string>> {
  const compiled = compileSegmentRule(rule, { now });
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT c."id" FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id" WHERE c."archivedAt" IS NULL AND (${compiled.sql})`,
    compiled.params,
  );
  return new Set(rows.map((row) => row.id));
}

function tsMembers(rule: SegmentRule, now: Date): Set<string> {
  return new Set([...facts.entries()].filter(([, customer]) => matchesRule(rule, customer, now)).map(([id]) => id));
}

describe("segment rules in SQL and in TypeScript", () => {
  it("select exactly the same customers for 300 random rules over every field and operator", async () => {
    const random = seededRandom(20261125).uniform;
    let nonTrivial = 0;
    for (let i = 0; i < 300; i++) {
      const rule = randomSegmentRule(random, { countries, tags, maxMoneyMinor: 300_000, maxOrderCount: 20, maxDays: 1100 });
      const expected = tsMembers(rule, TEST_NOW);
      const actual = await sqlMembers(rule, TEST_NOW);
      expect([...actual].sort(), JSON.stringify(rule)).toEqual([...expected].sort());
      if (expected.size > 0 && expected.size < facts.size) nonTrivial++;
    }
    // The comparison means something only if many rules split the customers.
    expect(nonTrivial).toBeGreaterThan(100);
  });

  it("agree on the built-in lifecycle segments", async () => {
    for (const rule of Object.values(lifecycleSegmentRules(DEFAULT_LIFECYCLE_THRESHOLDS))) {
      expect([...(await sqlMembers(rule, TEST_NOW))].sort()).toEqual([...tsMembers(rule, TEST_NOW)].sort());
    }
  });
});
