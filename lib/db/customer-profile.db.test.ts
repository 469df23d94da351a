import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/prisma/factories/users";
import { db } from "./client";
import { listCustomerTasks } from "./customer-profile";
import { seedShop } from "@/tests/support/seed-shop";

let customerId: string;

beforeAll(async () => {
  await seedShop(1);
  customerId = (await db.customer.create({ data: { name: "Many tasks" }, select: { id: true } })).id;
  const day = (n: number) => new Date(Date.UTC(2026, 5, n, 12));
  await db.task.createMany({
    data: [
      { customerId, title: "Done long ago", status: "DONE", completedAt: day(1), completedById: DEMO_USERS[2]!.id },
      { customerId, title: "Due later", dueAt: day(20) },
      { customerId, title: "Due soon", dueAt: day(10) },
      { customerId, title: "No due date" },
    ],
  });
});

describe("a customer's tasks on the profile", () => {
  it("shows the first ones, open and soonest due first, and says when there are more", async () => {
    const firstTwo = await listCustomerTasks(customerId, 2);
    expect(firstTwo.tasks.map((task) => task.title)).toEqual(["Due soon", "Due later"]);
    expect(firstTwo.hasMore).toBe(true);
    const all = await listCustomerTasks(customerId, 4);
    expect(all.tasks.map((task) => task.title)).toEqual(["Due soon", "Due later", "No due date", "Done long ago"]);
    expect(all.hasMore).toBe(false);
  });
});
