/** Small helpers for the start and test orchestrators: run a command, keep a long-running child. */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "node_modules", ".bin");

export type RunOptions = { env?: Record<string, string | undefined>; quiet?: boolean };

/** One-off commands still running (prisma, `next build`), so a stopping orchestrator can stop them too. */
const runningCommands = new Set<ChildProcess>();
let isRefusingCommands = false;

/** Stops the commands `run` started that are still running, and refuses new ones (exit code 130). */
export async function stopRunningCommands(): Promise<void> {
  isRefusingCommands = true;
  await Promise.all([...runningCommands].map((child) => stopService(child)));
}

/** Runs a command from node_modules/.bin (or the PATH) to completion; resolves with its exit code. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<number> {
  if (isRefusingCommands) return Promise.resolve(130);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, ...options.env },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => {
      runningCommands.delete(child);
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    runningCommands.add(child);
    child.on("exit", (code, signal) => {
      runningCommands.delete(child);
      if (options.quiet && code !== 0 && !isRefusingCommands) process.stderr.write(output);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function runOrFail(label: string, command: string, args: string[], options: RunOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) throw new Error(`${label} failed (exit code ${code}).`);
}

/** Starts a long-running child with its output prefixed, e.g. the web server. */
export function startService(name: string, command: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on("data", prefix(process.stdout));
  child.stderr?.on("data", prefix(process.stderr));
  return child;
}

export function stopService(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  // No pid: it never started, and no exit event will come.
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
}

export function isPortInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
