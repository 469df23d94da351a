import { describe, expect, it } from "vitest";
import { importProgress, type ProgressInput } from "./import-progress";

const now = new Date("2026-06-01T12:00:10Z");
const job = (overrides: Partial<ProgressInput>): ProgressInput => ({
  status: "RUNNING",
  rowsRead: 0,
  rowsAccepted: 0,
  rowsUnchanged: 0,
  rowsRejected: 0,
  estimatedRows: 1000,
  startedAt: new Date("2026-06-01T12:00:00Z"),
  finishedAt: null,
  ...overrides,
});

describe("an import's progress", () => {
  it("is half reading and half deciding rows, never 100 % before the end", () => {
    expect(importProgress(job({ rowsRead: 500 }), now).fraction).toBe(0.25);
    expect(importProgress(job({ rowsRead: 1000, rowsAccepted: 400, rowsRejected: 100 }), now).fraction).toBe(0.75);
    expect(importProgress(job({ rowsRead: 1000, rowsAccepted: 1000 }), now).fraction).toBe(0.99);
    expect(importProgress(job({ status: "SUCCEEDED", rowsRead: 1000, finishedAt: now }), now).fraction).toBe(1);
    expect(importProgress(job({ status: "QUEUED", startedAt: null }), now)).toEqual({ fraction: 0, rowsPerSecond: null });
  });

  it("copes with an estimate below the rows read", () => {
    expect(importProgress(job({ rowsRead: 2000, estimatedRows: 1000 }), now).fraction).toBe(0.5);
  });

  it("reports rows read per second", () => {
    expect(importProgress(job({ rowsRead: 5000 }), now).rowsPerSecond).toBe(500);
  });
});
