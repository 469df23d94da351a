/**
 * Where each embedded cluster lives. `npm start`, `npm test` and the benchmarks each own a separate data folder
 * and port, so a test run can never touch the demo data.
 */
import path from "node:path";

export type DatabaseProfile = { dataDir: string; port: number; database: string; isThrowaway: boolean };

const root = path.resolve(import.meta.dirname, "../..");

export const DATABASE_PROFILES = {
  app: { dataDir: path.join(root, ".data/postgres"), port: 54320, database: "crm", isThrowaway: false },
  test: { dataDir: path.join(root, ".data/postgres-test"), port: 54330, database: "crm_test", isThrowaway: true },
  bench: { dataDir: path.join(root, ".data/postgres-bench"), port: 54340, database: "crm_bench", isThrowaway: true },
} satisfies Record<string, DatabaseProfile>;

export type DatabaseProfileName = keyof typeof DATABASE_PROFILES;

export function profileFor(name: DatabaseProfileName, portOverride?: string): DatabaseProfile {
  const profile = DATABASE_PROFILES[name];
  return portOverride ? { ...profile, port: Number(portOverride) } : profile;
}
