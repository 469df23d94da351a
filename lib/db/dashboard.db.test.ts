import { beforeAll, describe, expect, it } from "vitest";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { binsFromEdges, clvHistogramEdges } from "@/lib/domain/dashboard-figures";
import { eraseCustomer } from "@/lib/services/customer-privacy";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { db } from "./client";
import { countBuyersByClvBin, getBuyerClvRange, getDashboardKpis, listClvByAcquisitionChannel } from "./dashboard";
import { pgPool } from "./pg-pool";

type Row = { id: string; archivedAt: Date | null; orderCount: number; acquisitionChannel: string | null; totalClv: number; predicted: number | null; segments: string[] };

/** Every customer as plain rows, for computing the dashboard's figures independently of its SQL. */
async function loadAll(): Promise<Row[]> {
  const customers = await db.customer.findMany({
    select: {
      id: true,
      archivedAt: true,
      orderCount: true,
      acquisitionChannel: true,
      metrics: { select: { totalClvMinor: true, predictedValueMinor: true } },
      memberships: { select: { segment: { select: { key: true, archivedAt: true } } } },
    },
  });
  return customers.map((c) => ({
    id: c.id,
    archivedAt: c.archivedAt,
    orderCount: c.orderCount,
    acquisitionChannel: c.acquisitionChannel,
    totalClv: Number(c.metrics!.totalClvMinor),
    predicted: c.metrics!.predictedValueMinor === null ? null : Number(c.metrics!.predictedValueMinor),
    segments: c.memberships.filter((m) => !m.segment.archivedAt).map((m) => m.segment.key),
  }));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

beforeAll(async () => {
  await seedShop(300);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  // Archived customers (a VIP among them) and customers outside the channel list, to check both are handled.
  const vip = await db.segmentMembership.findFirstOrThrow({ where: { segment: { key: "vip" } }, select: { customerId: true } });
  const others = await db.customer.findMany({ where: { id: { not: vip.customerId } }, select: { id: true }, orderBy: { externalId: "asc" }, skip: 10, take: 8 });
  await db.customer.updateMany({ where: { id: { in: [vip.customerId, ...others.slice(0, 4).map((c) => c.id)] } }, data: { archivedAt: TEST_NOW } });
  await db.customer.updateMany({ where: { id: { in: others.slice(4, 6).map((c) => c.id) } }, data: { acquisitionChannel: null } });
  await db.customer.updateMany({ where: { id: { in: others.slice(6, 8).map((c) => c.id) } }, data: { acquisitionChannel: "carrier_pigeon" } });
  // A customer who has not bought yet: a metrics row of zeros and no prediction.
  await db.customer.create({ data: { name: "Not Yet Bought", acquisitionChannel: "social" } });
});

describe("the dashboard's key figures", () => {
  it("count live customers, buyers, VIPs and at-risk VIPs, and add up CLV, as a count over the rows does", async () => {
    const live = (await loadAll()).filter((row) => !row.archivedAt);
    const buyers = live.filter((row) => row.orderCount > 0);
    const predicted = live.filter((row) => row.predicted !== null).map((row) => row.predicted!);
    const kpis = await getDashboardKpis();
    expect(kpis).toEqual({
      liveCustomers: live.length,
      buyers: buyers.length,
      vips: live.filter((row) => row.segments.includes("vip")).length,
      atRiskVips: live.filter((row) => row.segments.includes("at_risk_vip")).length,
      totalPredictedMinor: sum(predicted),
      customersWithPrediction: predicted.length,
      totalClvMinor: sum(live.map((row) => row.totalClv)),
      averageClvOfBuyersMinor: Math.round(sum(buyers.map((row) => row.totalClv)) / buyers.length),
    });
    expect(kpis.vips).toBeGreaterThan(0);
    expect(kpis.totalPredictedMinor).toBeGreaterThan(0);
    expect(kpis.liveCustomers).toBe(300 - 5 + 1);
  });
});

describe("the CLV histogram", () => {
  it("puts every live buyer in exactly the bin their total CLV falls in", async () => {
    const buyers = (await loadAll()).filter((row) => !row.archivedAt && row.orderCount > 0);
    const range = await getBuyerClvRange();
    const positive = buyers.map((row) => row.totalClv).filter((value) => value > 0);
    expect(range).toEqual({ buyers: buyers.length, minPositiveMinor: Math.min(...positive), maxMinor: Math.max(...buyers.map((row) => row.totalClv)) });

    const edges = clvHistogramEdges(range, { unitMinor: 100 });
    expect(edges.length).toBeGreaterThan(3);
    const counts = await countBuyersByClvBin(edges);
    const expected = binsFromEdges(edges).map((bin) => buyers.filter((row) => (bin.fromMinor === 0 || row.totalClv >= bin.fromMinor) && (bin.toMinor === null || row.totalClv < bin.toMinor)).length);
    expect(counts).toEqual(expected);
    expect(sum(counts)).toBe(buyers.length);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.at(-1)).toBeGreaterThan(0);
  });

  it("counts a value exactly on an edge in the bin that starts there", async () => {
    const { customerId, totalClvMinor } = await db.customerMetrics.findFirstOrThrow({ where: { totalClvMinor: { gt: 1000 }, customer: { archivedAt: null, orderCount: { gt: 0 } } }, select: { customerId: true, totalClvMinor: true } });
    const edge = Number(totalClvMinor);
    const counts = await countBuyersByClvBin([edge, edge + 1]);
    const atEdge = await db.customerMetrics.count({ where: { totalClvMinor: edge, customer: { archivedAt: null, orderCount: { gt: 0 } } } });
    expect(atEdge).toBeGreaterThan(0);
    expect(counts[1]).toBe(atEdge);
    expect(customerId).toBeTruthy();
  });
});

describe("CLV by acquisition channel", () => {
  it("groups live customers by channel in the list's order, with the unknown ones last, as grouping the rows does", async () => {
    const live = (await loadAll()).filter((row) => !row.archivedAt);
    const known = new Set<string>(ACQUISITION_CHANNELS);
    const channelOf = (row: Row) => (row.acquisitionChannel && known.has(row.acquisitionChannel) ? row.acquisitionChannel : null);
    const expected = [...ACQUISITION_CHANNELS, null]
      .map((channel) => {
        const rows = live.filter((row) => channelOf(row) === channel);
        const total = sum(rows.map((row) => row.totalClv));
        return { channel, customers: rows.length, buyers: rows.filter((row) => row.orderCount > 0).length, totalClvMinor: total, averageClvMinor: rows.length ? Math.round(total / rows.length) : null };
      })
      .filter((row) => row.customers > 0);
    const channels = await listClvByAcquisitionChannel();
    expect(channels).toEqual(expected);
    expect(channels.at(-1)).toMatchObject({ channel: null, customers: 4 });
    expect(sum(channels.map((row) => row.customers))).toBe(live.length);
  });
});

describe("after an erasure", () => {
  it("keeps the erased customer's value as anonymous revenue in the value figures and leaves them out of the head counts", async () => {
    const [kpisBefore, channelsBefore] = await Promise.all([getDashboardKpis(), listClvByAcquisitionChannel()]);
    const buyer = await db.customer.findFirstOrThrow({
      where: { archivedAt: null, orderCount: { gt: 0 }, acquisitionChannel: "social", memberships: { none: { segment: { key: { in: ["vip", "at_risk_vip"] } } } }, metrics: { totalClvMinor: { gt: 0 } } },
      select: { id: true },
    });
    await eraseCustomer(buyer.id, { actorId: null, now: TEST_NOW });

    const kpis = await getDashboardKpis();
    expect(kpis).toEqual({ ...kpisBefore, liveCustomers: kpisBefore.liveCustomers - 1, buyers: kpisBefore.buyers - 1 });
    const channels = await listClvByAcquisitionChannel();
    const social = (rows: typeof channels) => rows.find((row) => row.channel === "social")!;
    expect(social(channels)).toEqual({ ...social(channelsBefore), customers: social(channelsBefore).customers - 1, buyers: social(channelsBefore).buyers - 1 });
    expect(channels.filter((row) => row.channel !== "social")).toEqual(channelsBefore.filter((row) => row.channel !== "social"));
    // The histogram counts live buyers only.
    expect((await getBuyerClvRange()).buyers).toBe(kpis.buyers);
  });
});

describe("the dashboard with nothing to show", () => {
  it("has zeros and nulls, never NaN", async () => {
    await pgPool().query(`TRUNCATE "Customer", "SegmentMembershipEvent", "SegmentMembership" CASCADE`);
    expect(await getDashboardKpis()).toEqual({
      liveCustomers: 0,
      buyers: 0,
      vips: 0,
      atRiskVips: 0,
      totalPredictedMinor: null,
      customersWithPrediction: 0,
      totalClvMinor: 0,
      averageClvOfBuyersMinor: null,
    });
    expect(await getBuyerClvRange()).toEqual({ buyers: 0, minPositiveMinor: null, maxMinor: null });
    expect(await countBuyersByClvBin([200])).toEqual([0, 0]);
    expect(await listClvByAcquisitionChannel()).toEqual([]);
  });
});
