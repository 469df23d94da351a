/** Builds and stores a small demo shop for an integration test (the same factories as the seed). */
import { persistShop } from "@/prisma/factories/persist-shop";
import { buildShop, type Shop } from "@/prisma/factories/shop";

export const TEST_NOW = new Date("2026-06-01T12:00:00Z");

export async function seedShop(customers: number, options: { seed?: number; now?: Date } = {}): Promise<Shop> {
  const now = options.now ?? TEST_NOW;
  const shop = buildShop({ customers, now, seed: options.seed });
  await persistShop(shop, { now });
  return shop;
}
