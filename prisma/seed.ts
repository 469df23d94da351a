/**
 * Demo data for `npm start`: created once, when the database has no users yet, with every customer's CLV and
 * segments computed. Uses the same factories as the tests (prisma/factories). Run by hand with `npm run db:seed`
 * (it adds nothing to a database that has users).
 */
import "dotenv/config";
import { closePgPool, pgPool } from "@/lib/db/pg-pool";
import { createRecomputeRun } from "@/lib/db/recompute-runs";
import { saveSettings } from "@/lib/db/settings";
import { DEFAULT_CRM_SETTINGS } from "@/lib/schemas/crm-settings";
import { runRecompute } from "@/lib/services/recompute-runs";
import { persistShop } from "./factories/persist-shop";
import { buildShop } from "./factories/shop";

export const DEMO_CUSTOMER_COUNT = 2000;

/** Plausible costs per new customer for a coffee roaster, in euro cents. */
const DEMO_ACQUISITION_COSTS = { organic_search: 800, paid_search: 4500, social: 3200, email: 600, referral: 1500, direct: 0, marketplace: 2500, retail_store: 2000, partner: 4000 };

export async function seedDemoData(log: (message: string) => void = console.log): Promise<"seeded" | "skipped"> {
  const { rows } = await pgPool().query<{ count: string }>(`SELECT count(*) FROM "User"`);
  if (Number(rows[0]?.count ?? 0) > 0) return "skipped";
  const started = Date.now();
  const now = new Date();
  const shop = buildShop({ customers: DEMO_CUSTOMER_COUNT, now });
  await persistShop(shop, { now });
  log(`Seeded ${shop.customers.length} customers, ${shop.orders.length} orders, ${shop.notes.length} notes and ${shop.tasks.length} tasks in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  // What acquiring a customer costs in each channel, so the CLV : CAC view has something to compare.
  await saveSettings({ ...DEFAULT_CRM_SETTINGS, acquisitionCostMinor: DEMO_ACQUISITION_COSTS }, { actorId: null, expectedVersion: 0 });
  // Every customer's value and segments from the start; the first memberships start no workflows.
  const run = await createRecomputeRun({ trigger: "SEED", suppressWorkflows: true });
  const result = await runRecompute(run.id, now);
  if (!result) throw new Error("The demo data's recompute run could not start.");
  log(`Computed CLV (${result.purchaseModel ?? "no model: too little data"}) and ${result.membershipChanges} segment memberships in ${Object.values(result.timings).reduce((a, b) => a + b, 0).toFixed(1)} s.`);
  return "seeded";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seedDemoData()
    .then((result) => {
      if (result === "skipped") console.log("The database already has users: demo data not added.");
    })
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closePgPool());
}
