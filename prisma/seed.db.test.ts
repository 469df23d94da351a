import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemoData } from "./seed";

describe("demo data seed", () => {
  it("fills an empty database once with a believable shop, and adds nothing the second time", async () => {
    expect(await seedDemoData(() => {})).toBe("seeded");
    const [customers, orders, refunds, users] = await Promise.all([
      db.customer.count(),
      db.order.count(),
      db.order.count({ where: { refundedMinor: { gt: 0 } } }),
      db.user.findMany({ select: { email: true, role: true } }),
    ]);
    expect(customers).toBe(2000);
    expect(orders).toBeGreaterThan(20_000);
    expect(orders).toBeLessThan(30_000);
    expect(refunds).toBeGreaterThan(100);
    expect(users).toEqual(expect.arrayContaining([
      { email: "admin@example.com", role: "ADMIN" },
      { email: "manager@example.com", role: "MANAGER" },
      { email: "agent@example.com", role: "AGENT" },
    ]));
    const oneTimeBuyers = await db.customer.count({ where: { orderCount: 1 } });
    const loyal = await db.customer.count({ where: { orderCount: { gte: 20 } } });
    expect(oneTimeBuyers / customers).toBeGreaterThan(0.25);
    expect(loyal).toBeGreaterThan(100);

    // Values and segments are there from the start.
    const fit = await db.clvModelFit.findFirstOrThrow();
    expect(fit.status).toBe("OK");
    expect(await db.customerMetrics.count({ where: { predictedValueMinor: { gt: 0 } } })).toBeGreaterThan(1000);
    const vips = await db.segmentMembership.count({ where: { segment: { key: "vip" } } });
    expect(vips).toBeGreaterThan(50);
    expect(await db.clvRecomputeRun.count({ where: { trigger: "SEED", status: "SUCCEEDED" } })).toBe(1);

    expect(await seedDemoData(() => {})).toBe("skipped");
    expect(await db.customer.count()).toBe(2000);
  });
});
