import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { run, stopRunningCommands } from "./processes";
import { StartupResources } from "./startup-resources";

const noCommands = async () => {};

function fakeDatabase() {
  const database = { isStopped: false, stop: async () => void (database.isStopped = true) };
  return database;
}

describe("stopping npm start at any point", () => {
  it("waits for a database that is still starting and then stops it", async () => {
    const resources = new StartupResources();
    const database = fakeDatabase();
    let finishStarting!: () => void;
    const starting = new Promise<typeof database>((resolve) => (finishStarting = () => resolve(database)));
    void resources.database(starting);

    const stopped = resources.stop(noCommands);
    expect(resources.isStopping).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(database.isStopped).toBe(false);
    finishStarting();
    await stopped;
    expect(database.isStopped).toBe(true);
  });

  it("has nothing to stop when the database failed to start, and does not wait forever for one that never starts", async () => {
    const failed = new StartupResources();
    void failed.database(Promise.reject(new Error("port in use"))).catch(() => {});
    await expect(failed.stop(noCommands)).resolves.toBeUndefined();

    const hanging = new StartupResources();
    void hanging.database(new Promise<never>(() => {}));
    await expect(hanging.stop(noCommands, 50)).resolves.toBeUndefined();
  });

  it("stops the services before the database, and shares one stop between concurrent requests", async () => {
    const resources = new StartupResources();
    const order: string[] = [];
    const service = resources.service(spawn(process.execPath, ["-e", "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000)"]));
    service.on("exit", () => order.push("service"));
    void resources.database(Promise.resolve({ stop: async () => void order.push("database") }));
    const first = resources.stop(noCommands);
    expect(resources.stop(noCommands)).toBe(first);
    await first;
    expect(order).toEqual(["service", "database"]);
  });

  it("stops a one-off command still running (a next build) and refuses to start new ones", async () => {
    const started = Date.now();
    const building = run(process.execPath, ["-e", "setTimeout(() => {}, 30_000)"], { quiet: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const resources = new StartupResources();
    await resources.stop(stopRunningCommands);
    expect(await building).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await run(process.execPath, ["-e", "process.exit(0)"])).toBe(130);
  });
});
