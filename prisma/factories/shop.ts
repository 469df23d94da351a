/**
 * Builds a believable demo shop in memory: customers with different buying behaviour (one-time buyers,
 * occasional and regular buyers, businesses, people who stopped buying), orders with lines, refunds and
 * cancellations, notes and tasks. The same seed and `now` always give the same shop, so the seed, the
 * integration tests, the e2e tests and the benchmarks share one source of data.
 *
 * Behaviour follows the story the CLV models tell (purchases at a personal Poisson rate, a chance to drop out
 * after each repeat purchase, a personal average spend), so the models have something real to find.
 */
import { CATALOG, type Product } from "./catalog";
import { createPeople, type PersonFactory } from "./people";
import { createRandom, type Random } from "./random";
import { DEMO_USERS, EXTRA_STAFF, type UserSeed } from "./users";

export type CustomerSeed = {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  country: string;
  city: string;
  acquisitionChannel: string;
  marketingConsent: boolean;
  marketingConsentAt: Date | null;
  tags: string[];
  ownerId: string | null;
  createdAt: Date;
};

export type OrderStatusSeed = "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "CANCELLED";

export type OrderSeed = {
  id: string;
  externalId: string;
  source: string;
  customerId: string;
  placedAt: Date;
  status: OrderStatusSeed;
  currency: string;
  totalMinor: number;
  refundedMinor: number;
  salesChannel: string;
  refundedAt: Date | null;
  cancelledAt: Date | null;
};

export type OrderLineSeed = { id: string; orderId: string; sku: string; name: string; quantity: number; unitPriceMinor: number };
export type NoteSeed = { id: string; customerId: string; authorId: string; kind: "NOTE" | "CALL" | "EMAIL" | "MEETING"; body: string; createdAt: Date };
export type TaskSeed = {
  id: string;
  customerId: string;
  title: string;
  assigneeId: string | null;
  createdById: string;
  dueAt: Date | null;
  status: "OPEN" | "DONE";
  completedAt: Date | null;
  createdAt: Date;
};

export type Shop = {
  users: UserSeed[];
  customers: CustomerSeed[];
  orders: OrderSeed[];
  orderLines: OrderLineSeed[];
  notes: NoteSeed[];
  tasks: TaskSeed[];
};

export type ShopOptions = {
  customers: number;
  now: Date;
  seed?: number;
  years?: number;
  /** Order lines, notes and tasks; benchmarks that only need customers and orders leave them out. */
  withDetails?: boolean;
};

type Behaviour = { kind: "one_time" | "occasional" | "regular" | "business"; ratePerDay: number; dropout: number; basket: number };

const DAY_MS = 86_400_000;

type Showcase = {
  name: string;
  email: string;
  phone: string;
  country: string;
  city: string;
  company: string | null;
  joinedDaysAgo: number;
  /** Fixed behaviour, so these customers tell the same story in every shop. */
  behaviour: Behaviour & { stoppedDaysAgo?: number };
};

/** Named customers the e2e tests and the README refer to; always the first customers of every shop. */
export const SHOWCASE_CUSTOMERS: readonly Showcase[] = [
  // A loyal, frequent buyer: the VIP an agent should recognise at once.
  { name: "Greta Lindqvist", phone: "+46 40 123 45 67", email: "greta.lindqvist@example.se", country: "SE", city: "Malmö", company: null, joinedDaysAgo: 900, behaviour: { kind: "regular", ratePerDay: 60 / 365, dropout: 0, basket: 2.5 } },
  // Bought now and then; still around.
  { name: "Jan Kowalski", phone: "+48 12 345 67 89", email: "jan.kowalski@example.pl", country: "PL", city: "Kraków", company: null, joinedDaysAgo: 420, behaviour: { kind: "occasional", ratePerDay: 8 / 365, dropout: 0, basket: 1 } },
  // A big business account.
  { name: "Thomas Müller", phone: "+49 40 1234567", email: "einkauf@mueller-roesterei.example.de", country: "DE", city: "Hamburg", company: "Müller Kaffeerösterei GmbH", joinedDaysAgo: 1000, behaviour: { kind: "business", ratePerDay: 40 / 365, dropout: 0, basket: 5 } },
  // Bought once.
  { name: "Sophie Martin", phone: "+33 4 72 12 34 56", email: "sophie.martin@example.fr", country: "FR", city: "Lyon", company: null, joinedDaysAgo: 300, behaviour: { kind: "one_time", ratePerDay: 0, dropout: 1, basket: 1 } },
  // Was a valuable regular, then stopped buying five months ago: an at-risk VIP.
  { name: "Hans Becker", phone: "+49 89 7654321", email: "hans.becker@example.de", country: "DE", city: "München", company: null, joinedDaysAgo: 980, behaviour: { kind: "regular", ratePerDay: 50 / 365, dropout: 0, basket: 3, stoppedDaysAgo: 150 } },
];

export function buildShop(options: ShopOptions): Shop {
  const seed = options.seed ?? 20_260_101;
  const years = options.years ?? 3;
  const withDetails = options.withDetails ?? true;
  const now = options.now;
  const random = createRandom(seed);
  const people = createPeople(seed);
  const staff = [...DEMO_USERS, ...EXTRA_STAFF];
  const owners = staff.filter((user) => user.role !== "ADMIN");
  const uuid = uuidFactory(random);

  const shop: Shop = { users: staff, customers: [], orders: [], orderLines: [], notes: [], tasks: [] };
  const horizonDays = years * 365;

  for (let index = 0; index < options.customers; index++) {
    const showcase = SHOWCASE_CUSTOMERS[index];
    const behaviour = showcase?.behaviour ?? sampleBehaviour(random);
    // A growing shop: more customers joined recently than three years ago.
    const daysAgo = showcase?.joinedDaysAgo ?? Math.max(2, horizonDays * (1 - Math.sqrt(random.next())));
    const createdAt = new Date(now.getTime() - daysAgo * DAY_MS - random.int(0, 12 * 3600) * 1000);
    const person = people.customer(random, behaviour.kind === "business", showcase);
    const customer: CustomerSeed = {
      id: uuid(),
      externalId: `C-${String(100001 + index)}`,
      ...person,
      acquisitionChannel: random.weighted(CHANNEL_WEIGHTS),
      marketingConsent: false,
      marketingConsentAt: null,
      tags: [],
      ownerId: behaviour.kind === "business" || random.chance(0.1) ? random.pick(owners).id : null,
      createdAt,
    };
    if (random.chance(0.55)) {
      customer.marketingConsent = true;
      customer.marketingConsentAt = createdAt;
    }
    const buyingEnds = showcase?.behaviour.stoppedDaysAgo ? new Date(now.getTime() - showcase.behaviour.stoppedDaysAgo * DAY_MS) : now;
    const orders = simulateOrders(random, behaviour, createdAt, buyingEnds, now, customer.id, uuid);
    customer.tags = pickTags(random, behaviour, orders.length);
    shop.customers.push(customer);
    for (const order of orders) {
      shop.orders.push(order.order);
      if (withDetails) shop.orderLines.push(...order.lines);
    }
    if (withDetails) addNotesAndTasks(random, shop, customer, staff, now, uuid);
  }

  // Order numbers rise with time, as a shop's would.
  shop.orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  shop.orders.forEach((order, index) => (order.externalId = `SO-${String(2_000_001 + index)}`));
  return shop;
}

const CHANNEL_WEIGHTS = [
  ["organic_search", 30],
  ["paid_search", 18],
  ["social", 14],
  ["email", 8],
  ["referral", 12],
  ["direct", 8],
  ["marketplace", 6],
  ["retail_store", 3],
  ["partner", 1],
] as const;

const SALES_CHANNEL_WEIGHTS = [
  ["web", 70],
  ["mobile_app", 15],
  ["phone", 5],
  ["store", 5],
  ["marketplace", 5],
] as const;

function sampleBehaviour(random: Random): Behaviour {
  const kind = random.weighted([["one_time", 36], ["occasional", 36], ["regular", 22], ["business", 6]] as const);
  const yearly = (mean: number, shape: number) => random.gamma(shape, shape / mean) / 365;
  switch (kind) {
    case "one_time":
      return { kind, ratePerDay: 0, dropout: 1, basket: random.gamma(3, 3) };
    case "occasional":
      return { kind, ratePerDay: yearly(10, 2), dropout: random.beta(2, 16), basket: random.gamma(3, 3) };
    case "regular":
      return { kind, ratePerDay: yearly(48, 3), dropout: random.beta(1, 60), basket: random.gamma(4, 4) };
    case "business":
      return { kind, ratePerDay: yearly(40, 4), dropout: random.beta(1, 90), basket: 2 + random.gamma(2, 1) };
  }
}

function simulateOrders(random: Random, behaviour: Behaviour, firstAt: Date, buyingEnds: Date, now: Date, customerId: string, uuid: () => string) {
  const times = [firstAt.getTime()];
  let t = firstAt.getTime();
  if (behaviour.ratePerDay > 0) {
    for (;;) {
      t += random.exponential(behaviour.ratePerDay) * DAY_MS;
      if (t >= buyingEnds.getTime()) break;
      times.push(t);
      if (random.chance(behaviour.dropout)) break;
    }
  }
  return times.map((time, index) => buildOrder(random, behaviour, new Date(time), index === 0, now, customerId, uuid));
}

function buildOrder(random: Random, behaviour: Behaviour, placedAt: Date, isFirst: boolean, now: Date, customerId: string, uuid: () => string) {
  const orderId = uuid();
  const lines: OrderLineSeed[] = [];
  const lineCount = behaviour.kind === "business" ? random.int(2, 6) : random.weighted([[1, 45], [2, 30], [3, 17], [4, 8]] as const);
  const consumables = CATALOG.filter((product) => !product.isEquipment);
  const equipment = CATALOG.filter((product) => product.isEquipment);
  const used = new Set<string>();
  for (let i = 0; i < lineCount; i++) {
    const wantsEquipment = random.chance(isFirst ? 0.12 : 0.04);
    const product: Product = random.pick(wantsEquipment ? equipment : consumables);
    if (used.has(product.sku)) continue;
    used.add(product.sku);
    const baseQuantity = product.isEquipment ? 1 : Math.max(1, Math.round(random.gamma(2, 2) * behaviour.basket));
    lines.push({ id: uuid(), orderId, sku: product.sku, name: product.name, quantity: Math.min(baseQuantity, 200), unitPriceMinor: product.priceMinor });
  }
  const totalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const order: OrderSeed = {
    id: orderId,
    externalId: "",
    source: "shop",
    customerId,
    placedAt,
    status: "PAID",
    currency: "EUR",
    totalMinor,
    refundedMinor: 0,
    salesChannel: random.weighted(SALES_CHANNEL_WEIGHTS),
    refundedAt: null,
    cancelledAt: null,
  };
  const ageDays = (now.getTime() - placedAt.getTime()) / DAY_MS;
  const roll = random.next();
  if (roll < 0.015) {
    order.status = "CANCELLED";
    order.cancelledAt = new Date(Math.min(now.getTime(), placedAt.getTime() + random.int(1, 20) * 3600_000));
  } else if (roll < 0.045 && ageDays > 3) {
    order.status = "REFUNDED";
    order.refundedMinor = totalMinor;
    order.refundedAt = new Date(Math.min(now.getTime() - 3600_000, placedAt.getTime() + random.int(2, 20) * DAY_MS));
  } else if (roll < 0.075 && ageDays > 3 && lines.length > 1) {
    const line = random.pick(lines);
    order.status = "PARTIALLY_REFUNDED";
    order.refundedMinor = line.unitPriceMinor * line.quantity;
    order.refundedAt = new Date(Math.min(now.getTime() - 3600_000, placedAt.getTime() + random.int(2, 20) * DAY_MS));
  }
  return { order, lines };
}

function pickTags(random: Random, behaviour: Behaviour, orderCount: number): string[] {
  const tags = new Set<string>();
  if (behaviour.kind === "business") tags.add("b2b");
  if (behaviour.kind === "business" && random.chance(0.5)) tags.add("wholesale");
  if (behaviour.kind === "regular" && random.chance(0.4)) tags.add("subscription");
  if (random.chance(0.08)) tags.add("gift-buyer");
  if (orderCount > 10 && random.chance(0.3)) tags.add("espresso");
  if (random.chance(0.04)) tags.add("complaint");
  if (random.chance(0.05)) tags.add("newsletter");
  return [...tags].sort();
}

const NOTE_TEMPLATES = {
  CALL: [
    "Called about delivery time; promised dispatch within two working days.",
    "Asked for a recommendation for a fruity filter coffee, suggested the Kenya AA.",
    "Wanted to change the delivery address for the next order.",
    "Complained about a late parcel; offered free shipping on the next order.",
  ],
  EMAIL: [
    "Asked for an invoice copy; sent it by email.",
    "Requested the wholesale price list.",
    "Asked whether the grinder has a warranty extension.",
  ],
  MEETING: ["Tasting session in the shop; liked the house blend.", "Quarterly review with the purchasing team."],
  NOTE: ["Prefers whole beans, never ground.", "Allergic to hazelnut: no flavoured samples.", "Pays by invoice, 14 days."],
} as const;

const TASK_TEMPLATES = ["Call back about the last order", "Send the wholesale price list", "Follow up on the refund", "Offer a tasting appointment", "Check the delivery address"];

function addNotesAndTasks(random: Random, shop: Shop, customer: CustomerSeed, staff: UserSeed[], now: Date, uuid: () => string) {
  const span = now.getTime() - customer.createdAt.getTime();
  const at = () => new Date(customer.createdAt.getTime() + random.next() * span);
  if (random.chance(0.35)) {
    for (let i = random.int(1, 3); i > 0; i--) {
      const kind = random.weighted([["CALL", 45], ["EMAIL", 30], ["NOTE", 20], ["MEETING", 5]] as const);
      shop.notes.push({ id: uuid(), customerId: customer.id, authorId: random.pick(staff).id, kind, body: random.pick(NOTE_TEMPLATES[kind]), createdAt: at() });
    }
  }
  if (random.chance(0.12)) {
    const createdAt = at();
    const dueAt = new Date(createdAt.getTime() + random.int(1, 14) * DAY_MS);
    const isDone = dueAt < now && random.chance(0.7);
    const assignee = random.pick(staff.filter((user) => user.role !== "ADMIN"));
    shop.tasks.push({
      id: uuid(),
      customerId: customer.id,
      title: random.pick(TASK_TEMPLATES),
      assigneeId: assignee.id,
      createdById: random.pick(staff).id,
      dueAt,
      status: isDone ? "DONE" : "OPEN",
      completedAt: isDone ? new Date(Math.min(now.getTime(), dueAt.getTime() - random.int(0, 2) * DAY_MS)) : null,
      createdAt,
    });
  }
}

/** Version-4-shaped UUIDs from the seeded random source, so ids repeat between runs. */
function uuidFactory(random: Random): () => string {
  const hex = () => Math.floor(random.next() * 0x100000000).toString(16).padStart(8, "0");
  return () => {
    const a = hex() + hex() + hex() + hex();
    const variant = ((parseInt(a[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-${variant}${a.slice(17, 20)}-${a.slice(20, 32)}`;
  };
}

export type { PersonFactory };
