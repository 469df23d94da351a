import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/clv/random";
import { randomSegmentRule } from "@/lib/domain/segments/random-rules";
import { type RuleCondition, type SegmentRule, SegmentRuleSchema } from "@/lib/domain/segments/segment-rule";
import { compileSegmentRule } from "./segment-rule-sql";

const now = new Date("2026-06-15T12:00:00.000Z");
const one = (condition: RuleCondition): SegmentRule => ({ match: "all", conditions: [condition] });
const compileOne = (condition: RuleCondition) => compileSegmentRule(one(condition), { now });

describe("compiling a segment rule to SQL", () => {
  it.each<[string, RuleCondition, string, unknown[]]>([
    ["gte on money", { field: "totalClv", op: "gte", value: 100_000 }, '(m."totalClvMinor" IS NOT NULL AND m."totalClvMinor" >= $1::bigint)', [100_000]],
    ["gt on money", { field: "predictedValue", op: "gt", value: 5 }, '(m."predictedValueMinor" IS NOT NULL AND m."predictedValueMinor" > $1::bigint)', [5]],
    ["lte on money", { field: "historicalValue", op: "lte", value: 0 }, '(m."historicalValueMinor" IS NOT NULL AND m."historicalValueMinor" <= $1::bigint)', [0]],
    ["lt on a probability", { field: "probabilityAlive", op: "lt", value: 0.5 }, '(m."probabilityAlive" IS NOT NULL AND m."probabilityAlive" < $1::double precision)', [0.5]],
    ["eq on a column that is never NULL needs no guard", { field: "orderCount", op: "eq", value: 3 }, 'c."orderCount" = $1::integer', [3]],
    ["between is inclusive", { field: "totalClv", op: "between", value: 10, value2: 20 }, '(m."totalClvMinor" IS NOT NULL AND m."totalClvMinor" BETWEEN $1::bigint AND $2::bigint)', [10, 20]],
    ["isUnknown", { field: "predictedValue", op: "isUnknown" }, 'm."predictedValueMinor" IS NULL', []],
    ["isKnown", { field: "probabilityAlive", op: "isKnown" }, 'm."probabilityAlive" IS NOT NULL', []],
    ["in", { field: "rfmGroup", op: "in", values: ["champions", "loyal"] }, '(m."rfmGroup" IS NOT NULL AND m."rfmGroup" = ANY($1::text[]))', [["champions", "loyal"]]],
    ["notIn", { field: "country", op: "notIn", values: ["DE"] }, '(c."country" IS NOT NULL AND c."country" <> ALL($1::text[]))', [["DE"]]],
    ["channel in", { field: "acquisitionChannel", op: "in", values: ["email"] }, '(c."acquisitionChannel" IS NOT NULL AND c."acquisitionChannel" = ANY($1::text[]))', [["email"]]],
    ["tag has", { field: "tag", op: "has", value: "vip" }, 'c."tags" @> ARRAY[$1::text]::text[]', ["vip"]],
    ["tag notHas", { field: "tag", op: "notHas", value: "vip" }, 'NOT (c."tags" @> ARRAY[$1::text]::text[])', ["vip"]],
    ["consent", { field: "marketingConsent", op: "is", value: true }, 'c."marketingConsent" = $1::boolean', [true]],
  ])("%s", (_name, condition, sql, params) => {
    expect(compileOne(condition)).toEqual({ sql: `(${sql})`, params });
  });

  const day = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const last = 'c."lastOrderAt"';
  it.each<[string, RuleCondition, string, unknown[]]>([
    ["d ≥ N: at ≤ now − N days", { field: "daysSinceLastOrder", op: "gte", value: 30 }, `${last} <= $1::timestamptz`, [day(30)]],
    ["d > N: d ≥ N + 1", { field: "daysSinceLastOrder", op: "gt", value: 30 }, `${last} <= $1::timestamptz`, [day(31)]],
    ["d < N: at > now − N days", { field: "daysSinceLastOrder", op: "lt", value: 30 }, `${last} > $1::timestamptz`, [day(30)]],
    ["d ≤ N: d < N + 1", { field: "daysSinceLastOrder", op: "lte", value: 30 }, `${last} > $1::timestamptz`, [day(31)]],
    ["d = N: N ≤ d < N + 1", { field: "daysSinceLastOrder", op: "eq", value: 0 }, `${last} <= $1::timestamptz AND ${last} > $2::timestamptz`, [day(0), day(1)]],
    ["between a and b: a ≤ d < b + 1", { field: "daysSinceLastOrder", op: "between", value: 7, value2: 14 }, `${last} <= $1::timestamptz AND ${last} > $2::timestamptz`, [day(7), day(15)]],
  ])("days since the last order, %s", (_name, condition, comparison, params) => {
    expect(compileOne(condition)).toEqual({ sql: `((${last} IS NOT NULL AND ${comparison}))`, params });
  });

  it("reads days since the first order from firstOrderAt, and asks about absence without a boundary", () => {
    expect(compileOne({ field: "daysSinceFirstOrder", op: "gte", value: 1 }).sql).toBe('((c."firstOrderAt" IS NOT NULL AND c."firstOrderAt" <= $1::timestamptz))');
    expect(compileOne({ field: "daysSinceFirstOrder", op: "isUnknown" })).toEqual({ sql: '(c."firstOrderAt" IS NULL)', params: [] });
    // Purchases come from the metrics row: a fully refunded order is not one.
    expect(compileOne({ field: "daysSinceLastPurchase", op: "gte", value: 1 }).sql).toBe('((m."lastPurchaseAt" IS NOT NULL AND m."lastPurchaseAt" <= $1::timestamptz))');
    expect(compileOne({ field: "daysSinceFirstPurchase", op: "isUnknown" })).toEqual({ sql: '(m."firstPurchaseAt" IS NULL)', params: [] });
  });

  it("passes timestamps as ISO instants, to the millisecond", () => {
    const { params } = compileSegmentRule(one({ field: "daysSinceLastOrder", op: "gte", value: 1 }), { now: new Date("2026-03-29T01:30:00.123Z") });
    expect(params).toEqual(["2026-03-28T01:30:00.123Z"]);
  });

  it("joins with AND and OR, one group deep, numbering parameters from firstParam in reading order", () => {
    const rule: SegmentRule = {
      match: "any",
      conditions: [
        { match: "all", conditions: [{ field: "totalClv", op: "gte", value: 1 }, { field: "tag", op: "has", value: "b2b" }] },
        { field: "orderCount", op: "between", value: 2, value2: 9 },
      ],
    };
    expect(compileSegmentRule(rule, { now, firstParam: 4 })).toEqual({
      sql: '(((m."totalClvMinor" IS NOT NULL AND m."totalClvMinor" >= $4::bigint) AND c."tags" @> ARRAY[$5::text]::text[]) OR c."orderCount" BETWEEN $6::integer AND $7::integer)',
      params: [1, "b2b", 2, 9],
    });
  });

  it("refuses a first parameter below 1", () => {
    expect(() => compileSegmentRule(one({ field: "orderCount", op: "isKnown" }), { now, firstParam: 0 })).toThrow(RangeError);
  });

  it("never puts a value into the SQL text, however it is spelled", () => {
    const hostile = SegmentRuleSchema.parse({
      match: "all",
      conditions: [{ field: "tag", op: "has", value: "x'); drop table \"Customer\"; --" }, { field: "country", op: "in", values: ["DE"] }],
    });
    const compiled = compileSegmentRule(hostile, { now });
    expect(compiled.sql).not.toContain("drop");
    expect(compiled.params).toEqual(["x'); drop table \"customer\"; --", ["DE"]]);
  });

  it("keeps every value of 1,000 random rules out of the SQL text, and numbers every parameter once", () => {
    const random = seededRandom(11).uniform;
    for (let i = 0; i < 1000; i++) {
      const rule = randomSegmentRule(random);
      const { sql, params } = compileSegmentRule(rule, { now, firstParam: 3 });
      // Values can only reach the text as literals: no quotes for strings, no digits outside $n for numbers.
      expect(sql.replace(/\$\d+/g, "$")).not.toMatch(/[0-9']/);
      const numbers = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
      expect(numbers).toEqual(params.map((_, index) => index + 3));
    }
  });
});
