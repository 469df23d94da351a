import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CDNOW_DIR } from "@/tests/fixtures/cdnow/load-cdnow";
import { main } from "./main";

const summary = path.join(CDNOW_DIR, "cdnow_customers_summary.csv");
const withSpend = path.join(CDNOW_DIR, "cdnow_customers_summary_with_transactions.csv");
const sample = path.join(CDNOW_DIR, "CDNOW_sample.txt");
const dir = mkdtempSync(path.join(tmpdir(), "clv-cli-"));

function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const exitCode = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { exitCode, stdout, stderr };
}

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

describe("clv fit", () => {
  it("prints the BG/NBD fit as the contract's JSON (Fader, Hardie & Lee 2005 values on CDNOW)", () => {
    const { exitCode, stdout, stderr } = run("fit", "--model", "bgnbd", "--input", summary);
    expect(exitCode).toBe(0);
    expect(stderr).toBe("");
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(["model", "params", "logLikelihood", "converged"]);
    expect(Object.keys(output.params)).toEqual(["r", "alpha", "a", "b"]);
    expect(output).toMatchObject({ model: "bgnbd", converged: true, params: { r: expect.closeTo(0.243, 3), alpha: expect.closeTo(4.414, 3) } });
    expect(output.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it("fits Pareto/NBD and Gamma-Gamma, reading x,t_x,T and x,zbar headers too", () => {
    const pnbd = JSON.parse(run("fit", "--model", "pnbd", "--input", withSpend).stdout);
    expect(Object.keys(pnbd.params)).toEqual(["r", "alpha", "s", "beta"]);
    expect(pnbd.params.r).toBeCloseTo(0.553, 2);
    const gg = JSON.parse(run("fit", "--model", "gg", "--input", withSpend).stdout);
    expect(gg).toMatchObject({ model: "gg", converged: true, params: { p: expect.closeTo(6.25, 1), q: expect.closeTo(3.74, 1), gamma: expect.closeTo(15.44, 1) } });
  });

  it("reports not enough data as JSON on stdout and a message on stderr, exit code 3", () => {
    const input = file("one-timers.csv", `frequency,recency,T\n${"0,0,10\n".repeat(30)}`);
    const { exitCode, stdout, stderr } = run("fit", "--model", "bgnbd", "--input", input);
    expect(exitCode).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ model: "bgnbd", ok: false, reason: "NOT_ENOUGH_DATA", cause: "NO_REPEAT_BUYERS" });
    expect(stderr).toMatch(/^clv: not enough data to fit bgnbd: .+\n$/);
  });
});

describe("clv predict and spend", () => {
  it("prints P(alive) and expected purchases per row, in input order", () => {
    const params = JSON.stringify({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const { exitCode, stdout } = run("predict", "--model", "bgnbd", "--params", params, "--input", summary, "--t", "39");
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("pAlive,expectedPurchases");
    expect(lines).toHaveLength(2358);
    // Customer 1: E[X(39) | 2, 30.43, 38.86] = 1.226 (Hardie's BG/NBD spreadsheet).
    expect(Number(lines[1]!.split(",")[1])).toBeCloseTo(1.226, 3);
  });

  it("accepts the output of fit as --params", () => {
    const fit = run("fit", "--model", "pnbd", "--input", summary).stdout.trim();
    const { exitCode, stdout } = run("predict", "--model", "pnbd", "--params", fit, "--input", summary, "--t", "52");
    expect(exitCode).toBe(0);
    expect(stdout.split("\n")[0]).toBe("pAlive,expectedPurchases");
  });

  it("prints Gamma-Gamma E[M | x, m] per row", () => {
    const { exitCode, stdout } = run("spend", "--params", '{"p":6.25,"q":3.74,"gamma":15.44}', "--input", withSpend);
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("expectedSpend");
    expect(lines).toHaveLength(2358);
    // Customer 1: x = 2, zbar = 22.35 → (15.44 + 44.7)·6.25 / (12.5 + 2.74).
    expect(Number(lines[1])).toBeCloseTo(((15.44 + 2 * 22.35) * 6.25) / (6.25 * 2 + 3.74 - 1), 9);
  });
});

describe("clv summarize and backtest", () => {
  it("summarises the CDNOW sample into the published summary's figures", () => {
    const { exitCode, stdout } = run("summarize", "--transactions", sample, "--format", "cdnow-sample", "--unit", "week", "--observation-end", "1997-09-30");
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("id,frequency,recency,T,monetary_value");
    expect(lines).toHaveLength(2358);
    const [id, frequency, recency, T] = lines[1]!.split(",");
    expect([Number(id), Number(frequency)]).toEqual([1, 2]);
    expect(Number(recency)).toBeCloseTo(30.43, 2);
    expect(Number(T)).toBeCloseTo(38.86, 2);
  });

  it("adds the holdout columns with a calibration end", () => {
    const { stdout } = run("summarize", "--transactions", sample, "--format", "cdnow-sample", "--unit", "week", "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30");
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("id,frequency,recency,T,monetary_value,frequency_holdout,duration_holdout");
    expect(lines[1]!.split(",").at(-1)).toBe("39");
  });

  it("backtests both models and names the winner", () => {
    const { exitCode, stdout, stderr } = run("backtest", "--transactions", sample, "--format", "cdnow-sample", "--unit", "week", "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30");
    expect(exitCode).toBe(0);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ ok: true, customers: 2357, durationHoldout: 39, chosen: expect.stringMatching(/^(bgnbd|pnbd)$/) });
    expect(output.models.bgnbd.buckets).toHaveLength(8);
    expect(stderr).toMatch(new RegExp(`^clv: ${output.chosen} `));
  });

  it("reads a plain CSV of transactions", () => {
    const input = file("tx.csv", "customer_id,date,amount\n1,2015-02-01,10\n1,2015-02-06 12:00:00,20\n2,2015-01-01,5\n3,2015-01-01,1\n3,2015-01-02,2\n3,2015-01-05,3\n");
    const { exitCode, stdout } = run("summarize", "--transactions", input, "--format", "csv", "--unit", "day", "--observation-end", "2015-02-07");
    expect(exitCode).toBe(0);
    expect(stdout).toBe("id,frequency,recency,T,monetary_value\n1,1,5,6,20\n2,0,0,37,0\n3,2,4,37,2.5\n");
  });
});

describe("clv errors: one line naming file, line and column, non-zero exit", () => {
  it.each([
    ["recency > T", "frequency,recency,T\n1,2,3\n2,40.5,38\n", /bad\.csv:3:3: recency \(40\.5\) cannot be greater than T \(38\)$/],
    ["a fractional frequency", "frequency,recency,T\n1.5,2,3\n", /bad\.csv:2:1: frequency must be a whole number/],
    ["a negative T", "x,t_x,T\n0,0,-1\n", /bad\.csv:2:5: T must be a number ≥ 0/],
    ["text where a number belongs", "frequency,recency,T\n1,abc,3\n", /bad\.csv:2:3: recency must be a number, got 'abc'$/],
    ["a missing column", "frequency,recency\n1,2\n", /bad\.csv:1:1: missing column 'T'/],
    ["a short row", "frequency,recency,T\n1,2\n", /bad\.csv:2:1: expected 3 fields as in the header, found 2$/],
    ["no rows", "frequency,recency,T\n", /bad\.csv:2:1: the file has a header but no rows$/],
  ])("%s", (_name, content, message) => {
    const input = file("bad.csv", content);
    const { exitCode, stdout, stderr } = run("fit", "--model", "bgnbd", "--input", input);
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(2);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it("names the line and column of a bad transaction date", () => {
    const input = file("bad-tx.txt", " 00001 0001 19970101  1   11.77\n 00001 0001 19971301  1   10.00\n");
    const { exitCode, stderr } = run("summarize", "--transactions", input, "--format", "cdnow-sample", "--unit", "week", "--observation-end", "1997-09-30");
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/bad-tx\.txt:2:13: not a date: '19971301'/);
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["fit", "--model", "bgnbd"], /fit: missing --input/],
    [["fit", "--model", "xyz", "--input", summary], /--model must be one of bgnbd, pnbd, gg, got 'xyz'/],
    [["fit", "--model", "bgnbd", "--input", summary, "--verbose", "1"], /unknown option --verbose/],
    [["fit", "--model", "bgnbd", "--input", "/nonexistent/x.csv"], /\/nonexistent\/x\.csv: cannot read the file \(ENOENT\)/],
    [["predict", "--model", "bgnbd", "--params", "{r:1}", "--input", summary, "--t", "39"], /--params is not valid JSON/],
    [["predict", "--model", "bgnbd", "--params", '{"r":1}', "--input", summary, "--t", "39"], /--params needs "alpha" as a positive number/],
    [["predict", "--model", "bgnbd", "--params", '{"r":1,"alpha":1,"a":1,"b":1}', "--input", summary, "--t", "-3"], /--t must be a positive number, got '-3'/],
    [["summarize", "--transactions", sample, "--format", "cdnow-sample", "--unit", "week", "--observation-end", "1997-02-30"], /--observation-end must be a date like 1997-09-30/],
  ])("rejects %j", (argv, message) => {
    const { exitCode, stderr } = run(...argv);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^clv: error: [^\n]+\n$/);
    expect(stderr).toMatch(message);
  });

  it("prints usage for help and for no arguments", () => {
    expect(run("help")).toMatchObject({ exitCode: 0, stdout: "", stderr: expect.stringContaining("usage: npm run --silent clv") });
    expect(run().exitCode).toBe(2);
  });
});
