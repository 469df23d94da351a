import { describe, expect, it } from "vitest";
import { IMPORT_USAGE, parseImportArguments, type ImportArguments } from "./cli-arguments";

function run(argv: string[]): ImportArguments {
  const parsed = parseImportArguments(argv);
  if (parsed.kind !== "run") throw new Error(`expected arguments to run with, got ${JSON.stringify(parsed)}`);
  return parsed.args;
}

function error(argv: string[]): string {
  const parsed = parseImportArguments(argv);
  if (parsed.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

describe("npm run import arguments", () => {
  it("keeps --map for the orders file and --lines-map for the lines file apart", () => {
    const args = run(["orders", "orders.csv", "--lines", "lines.csv", "--map", "externalId=Bestellnummer", "--map", "total=Summe", "--lines-map", "orderExternalId=Bestellung", "--lines-map", "sku=Artikel"]);
    expect(args.map).toEqual({ externalId: "Bestellnummer", total: "Summe" });
    expect(args.linesMap).toEqual({ orderExternalId: "Bestellung", sku: "Artikel" });
    expect(args.linesFile).toBe("lines.csv");
  });

  it("detects each file's separator unless it is given for that file", () => {
    expect(run(["orders", "o.csv", "--lines", "l.csv"])).toMatchObject({ separator: undefined, linesSeparator: undefined });
    expect(run(["orders", "o.csv", "--lines", "l.csv", "--separator", ";"])).toMatchObject({ separator: ";", linesSeparator: undefined });
    expect(run(["orders", "o.csv", "--lines", "l.csv", "--lines-separator", "tab"])).toMatchObject({ separator: undefined, linesSeparator: "\t" });
    expect(run(["customers", "c.csv", "--separator", ","])).toMatchObject({ separator: ",", linesSeparator: undefined });
  });

  it("reads the switches and defaults", () => {
    expect(run(["customers", "c.csv"])).toEqual({
      kind: "CUSTOMERS", file: "c.csv", linesFile: null, isDryRun: false, separator: undefined, linesSeparator: undefined, decimal: "auto",
      source: "import", suppressWorkflows: false, requestRecompute: true, map: {}, linesMap: {},
    });
    expect(run(["orders", "o.csv", "--dry-run", "--no-workflows", "--no-recompute", "--decimal", ",", "--source", "shop"])).toMatchObject({
      kind: "ORDERS", isDryRun: true, suppressWorkflows: true, requestRecompute: false, decimal: ",", source: "shop",
    });
    // A header may itself contain "=".
    expect(run(["customers", "c.csv", "--map", "name=Name=Vorname"]).map).toEqual({ name: "Name=Vorname" });
  });

  it("refuses what cannot be meant", () => {
    expect(error([])).toBe(IMPORT_USAGE);
    expect(error(["products", "p.csv"])).toBe(IMPORT_USAGE);
    expect(error(["orders", "a.csv", "b.csv"])).toBe(IMPORT_USAGE);
    expect(error(["customers", "c.csv", "--lines", "l.csv"])).toContain("--lines belongs to an orders import");
    expect(error(["orders", "o.csv", "--lines-map", "sku=Artikel"])).toContain("--lines-map needs --lines");
    expect(error(["orders", "o.csv", "--lines-separator", ";"])).toContain("--lines-separator needs --lines");
    expect(error(["orders", "o.csv", "--separator", "|"])).toContain("--separator must be");
    expect(error(["orders", "o.csv", "--lines", "l.csv", "--lines-separator", "x"])).toContain("--lines-separator must be");
    expect(error(["orders", "o.csv", "--map", "total"])).toContain("--map expects field=Header");
    expect(error(["orders", "o.csv", "--lines", "l.csv", "--lines-map", "=Artikel"])).toContain("--lines-map expects field=Header");
    expect(error(["orders", "o.csv", "--decimal", ";"])).toContain("--decimal");
    expect(error(["orders", "o.csv", "--unknown"])).toContain("--unknown");
  });

  it("answers --help with the options of both files", () => {
    expect(parseImportArguments(["--help"])).toEqual({ kind: "help" });
    for (const option of ["--map", "--lines-map", "--separator", "--lines-separator", "--lines", "--dry-run"]) expect(IMPORT_USAGE).toContain(option);
  });
});
