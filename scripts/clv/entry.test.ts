import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CDNOW_DIR } from "@/tests/fixtures/cdnow/load-cdnow";

// The real entry point as `npm run clv` starts it (tsx), to pin stdout/stderr/exit code end to end.
const root = path.resolve(__dirname, "../..");
const clv = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/clv.ts", ...args], { cwd: root, encoding: "utf8" });

describe("scripts/clv.ts", () => {
  it("prints machine-readable output on stdout and exits 0", () => {
    const result = clv("fit", "--model", "gg", "--input", path.join(CDNOW_DIR, "cdnow_customers_summary_with_transactions.csv"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ model: "gg", converged: true });
  });

  it("prints one line on stderr and exits non-zero on a bad file", () => {
    const result = clv("fit", "--model", "bgnbd", "--input", "no-such-file.csv");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("clv: error: no-such-file.csv: cannot read the file (ENOENT)\n");
  });

  it("ends quietly when the reader closes the pipe early (… | head)", () => {
    const summarize = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" --import tsx scripts/clv.ts summarize --transactions "${path.join(CDNOW_DIR, "CDNOW_sample.txt")}" --format cdnow-sample --unit week --observation-end 1997-09-30 | head -n 2`],
      { cwd: root, encoding: "utf8" },
    );
    expect(summarize.stdout.trim().split("\n")).toHaveLength(2);
    expect(summarize.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
}, 30_000);
