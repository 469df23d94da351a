/**
 * Installs dependencies when they are missing or older than package.json / package-lock.json. Plain Node
 * with no dependencies, because it runs before anything is installed (`npm start` / `npm test` on a fresh
 * clone). `npm install`, not `npm ci`: lockfiles written on one platform make `npm ci` fail on another.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

export function ensureInstalled() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 9)) {
    console.error(`Node.js 20.9 or newer is needed (this is ${process.versions.node}).`);
    process.exit(1);
  }
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const isStale = mtime(marker) < Math.max(mtime(path.join(root, "package.json")), mtime(path.join(root, "package-lock.json")));
  if (!existsSync(marker) || isStale) {
    console.log("Installing dependencies (npm install)…");
    const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
    if (result.status !== 0) {
      console.error("npm install failed; see the messages above.");
      process.exit(result.status ?? 1);
    }
  }
}

/**
 * Runs a TypeScript entry point with tsx. SIGINT/SIGTERM sent to this process are passed on, so stopping
 * `npm start` always lets the child stop the server and the database cleanly.
 */
export function runTypeScript(entry, args = []) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, entry), ...args], { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  // npm exits on SIGTERM without passing the signal down through its `sh -c`; this process is then orphaned.
  // Treat losing the parent as SIGTERM, so the database is still stopped cleanly.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill("SIGTERM");
  }, 500).unref();
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
