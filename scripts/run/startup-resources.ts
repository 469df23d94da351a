/**
 * What `npm start` has running and must stop, at any point: also half-way through starting. A database still
 * starting when Ctrl-C or SIGTERM arrives is waited for and then stopped (left alone it kept running, and the next
 * start found its port taken); long-running services are stopped first; one-off commands still running (prisma,
 * `next build`) are stopped by the `stopCommands` given. Concurrent stop requests share one stop.
 */
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { stopService } from "./processes";

type Stoppable = { stop: () => Promise<void> };

export class StartupResources {
  #database: Promise<Stoppable | undefined> | undefined;
  readonly #services: ChildProcess[] = [];
  #stopping: Promise<void> | undefined;

  get isStopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** Tracks a database from the moment it starts starting; returns `starting` unchanged. */
  database<T extends Stoppable>(starting: Promise<T>): Promise<T> {
    // A start that failed left nothing running to stop.
    this.#database = starting.then(
      (database) => database,
      () => undefined,
    );
    return starting;
  }

  service(child: ChildProcess): ChildProcess {
    this.#services.push(child);
    return child;
  }

  stop(stopCommands: () => Promise<void>, databaseStartTimeoutMs = 120_000): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all([...this.#services.map((child) => stopService(child)), stopCommands()]);
      const database = await Promise.race([this.#database, sleep(databaseStartTimeoutMs, undefined, { ref: false })]);
      await database?.stop();
    })();
    return this.#stopping;
  }
}
