/**
 * What `npm start` and the e2e run share: a database URL (embedded unless DATABASE_URL is given), a stable
 * session secret, migrations and the production build.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "../db/embedded-postgres";
import { profileFor, type DatabaseProfileName } from "../db/profiles";
import { ROOT, runOrFail } from "./processes";

export async function databaseFor(profile: DatabaseProfileName, log: (line: string) => void): Promise<RunningPostgres & { isEmbedded: boolean }> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, isEmbedded: false };
  }
  const db = await startEmbeddedPostgres({ ...profileFor(profile, process.env.EMBEDDED_PG_PORT), log });
  return { ...db, isEmbedded: true };
}

/** A secret for signing session cookies, generated once per checkout and kept in .data/ (git-ignored). */
export async function sessionSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(ROOT, ".data", "nextauth-secret");
  if (existsSync(file)) {
    // Only this user may read it (an older version kept .data/ open to everyone).
    await chmod(file, 0o600);
    return (await readFile(file, "utf8")).trim();
  }
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await writeFile(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

export async function migrate(databaseUrl: string): Promise<void> {
  await runOrFail("Generating the Prisma client", "prisma", ["generate"], { quiet: true });
  await runOrFail("Applying database migrations", "prisma", ["migrate", "deploy"], { env: { DATABASE_URL: databaseUrl }, quiet: true });
}

const BUILD_INPUTS = ["app", "components", "lib", "i18n", "messages", "public", "types", "proxy.ts", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "prisma/schema.prisma"];

/** A fingerprint of everything the production build depends on, to skip rebuilding an unchanged app. */
async function buildFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  async function visit(relative: string) {
    const full = path.join(ROOT, relative);
    if (!existsSync(full)) return;
    const info = await stat(full);
    if (info.isDirectory()) {
      for (const entry of (await readdir(full)).sort()) if (entry !== "generated") await visit(path.join(relative, entry));
    } else if (!/\.test\.tsx?$/.test(relative)) {
      // Tests are not part of the app. Contents, not modification times: a fresh checkout or a `git stash` round trip changes only times.
      hash.update(`${relative}\n`);
      hash.update(await readFile(full));
    }
  }
  for (const input of BUILD_INPUTS) await visit(input);
  return hash.digest("hex");
}

export async function buildIfChanged(env: Record<string, string | undefined>, log: (line: string) => void): Promise<void> {
  const marker = path.join(ROOT, ".next", "crm-build-fingerprint");
  const fingerprint = await buildFingerprint();
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(marker) && (await readFile(marker, "utf8")) === fingerprint) {
    log("The app is already built and unchanged: skipping the build.");
    return;
  }
  log("Building the app (next build)…");
  await runOrFail("Building the app", "next", ["build"], { env });
  await writeFile(marker, fingerprint);
}
