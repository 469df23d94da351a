/**
 * Compiles a segment rule to a boolean SQL expression, so a segment is evaluated set-based over the whole base.
 * It must give the same answer as matchesRule (lib/domain/segments/segment-rule.ts) for every customer; an
 * integration test holds the two together on the demo data. Pure: no database access here.
 *
 * The expression reads `c` = "Customer" and `m` = "CustomerMetrics" (LEFT JOINed, so every m column may be NULL).
 * Values only ever travel as positional parameters, never in the SQL text.
 *
 * Every comparison on a nullable column is guarded with IS NOT NULL, so the expression is TRUE or FALSE and never
 * NULL. In a WHERE clause NULL already behaves as false, but a membership query that selects the expression as a
 * column, or negates it to find who left (`NOT (rule)`), would silently drop customers with missing values.
 */
import { daysBefore } from "@/lib/domain/segments/customer-facts";
import { isRuleGroup, type DAYS_FIELDS, type RuleCondition, type SegmentRule } from "@/lib/domain/segments/segment-rule";

export type CompiledSql = { sql: string; params: unknown[] };

type Column = { sql: string; isNullable: boolean; cast: string };

const COLUMNS = {
  totalClv: { sql: 'm."totalClvMinor"', isNullable: true, cast: "bigint" },
  predictedValue: { sql: 'm."predictedValueMinor"', isNullable: true, cast: "bigint" },
  historicalValue: { sql: 'm."historicalValueMinor"', isNullable: true, cast: "bigint" },
  orderCount: { sql: 'c."orderCount"', isNullable: false, cast: "integer" },
  probabilityAlive: { sql: 'm."probabilityAlive"', isNullable: true, cast: "double precision" },
  daysSinceLastOrder: { sql: 'c."lastOrderAt"', isNullable: true, cast: "timestamptz" },
  daysSinceFirstOrder: { sql: 'c."firstOrderAt"', isNullable: true, cast: "timestamptz" },
  daysSinceLastPurchase: { sql: 'm."lastPurchaseAt"', isNullable: true, cast: "timestamptz" },
  daysSinceFirstPurchase: { sql: 'm."firstPurchaseAt"', isNullable: true, cast: "timestamptz" },
  rfmGroup: { sql: 'm."rfmGroup"', isNullable: true, cast: "text" },
  country: { sql: 'c."country"', isNullable: true, cast: "text" },
  acquisitionChannel: { sql: 'c."acquisitionChannel"', isNullable: true, cast: "text" },
} as const satisfies Record<Exclude<RuleCondition["field"], "tag" | "marketingConsent">, Column>;

export function compileSegmentRule(rule: SegmentRule, options: { now: Date; firstParam?: number }): CompiledSql {
  const firstParam = options.firstParam ?? 1;
  if (!Number.isSafeInteger(firstParam) || firstParam < 1) throw new RangeError(`Parameters are numbered from 1, got ${firstParam}.`);
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${firstParam + params.length - 1}::${cast}`;
  };
  const condition = (entry: RuleCondition) => compileCondition(entry, options.now, param);
  const sql = combine(
    rule.match,
    rule.conditions.map((entry) => (isRuleGroup(entry) ? combine(entry.match, entry.conditions.map(condition)) : condition(entry))),
  );
  return { sql, params };
}

function combine(match: SegmentRule["match"], parts: string[]): string {
  return `(${parts.join(match === "all" ? " AND " : " OR ")})`;
}

type Param = (value: unknown, cast: string) => string;

function compileCondition(condition: RuleCondition, now: Date, param: Param): string {
  switch (condition.field) {
    case "tag": {
      // @> lets the GIN index on tags answer; tags is never NULL, so NOT stays two-valued.
      const contains = `c."tags" @> ARRAY[${param(condition.value, "text")}]::text[]`;
      return condition.op === "has" ? contains : `NOT (${contains})`;
    }
    case "marketingConsent":
      return `c."marketingConsent" = ${param(condition.value, "boolean")}`;
    case "rfmGroup":
    case "country":
    case "acquisitionChannel": {
      const column = COLUMNS[condition.field];
      const list = param([...condition.values], "text[]");
      return guarded(column, condition.op === "in" ? `${column.sql} = ANY(${list})` : `${column.sql} <> ALL(${list})`);
    }
    case "daysSinceLastOrder":
    case "daysSinceFirstOrder":
    case "daysSinceLastPurchase":
    case "daysSinceFirstPurchase":
      return compileDays(condition, COLUMNS[condition.field], now, param);
    default:
      return compileNumber(condition, COLUMNS[condition.field], param);
  }
}

function guarded(column: Column, comparison: string): string {
  return column.isNullable ? `(${column.sql} IS NOT NULL AND ${comparison})` : comparison;
}

type NumberCondition = Extract<RuleCondition, { field: "totalClv" | "predictedValue" | "historicalValue" | "orderCount" | "probabilityAlive" }>;

function compileNumber(condition: NumberCondition, column: Column, param: Param): string {
  const value = (amount: number) => param(amount, column.cast);
  switch (condition.op) {
    case "isUnknown":
      return `${column.sql} IS NULL`;
    case "isKnown":
      return `${column.sql} IS NOT NULL`;
    case "between":
      return guarded(column, `${column.sql} BETWEEN ${value(condition.value)} AND ${value(condition.value2)}`);
    default:
      return guarded(column, `${column.sql} ${COMPARISON_SQL[condition.op]} ${value(condition.value)}`);
  }
}

const COMPARISON_SQL = { gte: ">=", gt: ">", lte: "<=", lt: "<", eq: "=" } as const;

type DaysCondition = Extract<RuleCondition, { field: (typeof DAYS_FIELDS)[number] }>;

/**
 * Days since a date, floor((now − at) / 1 day), compared with a whole number N: d ≥ N exactly when at ≤ now − N
 * days. Every comparison reduces to that boundary (d > N is d ≥ N + 1, d < N is not d ≥ N), so the SQL compares
 * the raw timestamp with instants computed here from `now`: the same answer as TypeScript's floor, to the
 * millisecond the columns store, and a plain range the column's index can serve.
 */
function compileDays(condition: DaysCondition, column: Column, now: Date, param: Param): string {
  const atLeast = (days: number) => `${column.sql} <= ${param(daysBefore(now, days).toISOString(), "timestamptz")}`;
  const below = (days: number) => `${column.sql} > ${param(daysBefore(now, days).toISOString(), "timestamptz")}`;
  switch (condition.op) {
    case "isUnknown":
      return `${column.sql} IS NULL`;
    case "isKnown":
      return `${column.sql} IS NOT NULL`;
    case "gte":
      return guarded(column, atLeast(condition.value));
    case "gt":
      return guarded(column, atLeast(condition.value + 1));
    case "lt":
      return guarded(column, below(condition.value));
    case "lte":
      return guarded(column, below(condition.value + 1));
    case "eq":
      return guarded(column, `${atLeast(condition.value)} AND ${below(condition.value + 1)}`);
    case "between":
      return guarded(column, `${atLeast(condition.value)} AND ${below(condition.value2 + 1)}`);
  }
}
