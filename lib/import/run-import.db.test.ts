import { existsSync } from "node:fs";
import { mkdtemp, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashExternalId } from "@/lib/db/customer-identity";
import { createImportJob, listImportRejects } from "@/lib/db/imports";
import { stopJobQueue } from "@/lib/jobs/queue";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { saveUpload } from "./import-files";
import { runImportJob } from "./run-import";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crm-import-test-"));
  await seedShop(20);
});

afterAll(async () => {
  await stopJobQueue();
});

async function csvFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

type Kind = "CUSTOMERS" | "ORDERS";

async function runImport(kind: Kind, file: string, mapping: Record<string, string>, options: { lines?: { file: string; mapping: Record<string, string> }; isDryRun?: boolean; separator?: string; decimalSeparator?: string } = {}) {
  const job = await createImportJob({
    kind,
    fileName: path.basename(file),
    filePath: file,
    linesFileName: options.lines ? path.basename(options.lines.file) : null,
    linesFilePath: options.lines?.file ?? null,
    mapping: { main: mapping, ...(options.lines ? { lines: options.lines.mapping } : {}) },
    options: { separator: options.separator ?? ";", decimalSeparator: options.decimalSeparator ?? "auto", defaultSource: "import" },
    isDryRun: options.isDryRun ?? false,
    suppressWorkflows: true,
    createdById: null,
  });
  const outcome = await runImportJob(job.id, { now: TEST_NOW, requestRecompute: false, batchSize: 3, chunkSize: 4 });
  const { rows: rejects } = await listImportRejects(job.id, { page: 1, pageSize: 100 });
  return { ...outcome, jobId: job.id, rejects: rejects.map((reject) => ({ line: reject.line, column: reject.column, reason: reject.reason })) };
}

const CUSTOMER_MAPPING = { externalId: "Kundennummer", name: "Name", email: "E-Mail", city: "Stadt", country: "Land", marketingConsent: "Newsletter", tags: "Tags" };

describe("importing customers", () => {
  const file = () =>
    csvFile(
      "customers.csv",
      "\uFEFFKundennummer;Name;E-Mail;Stadt;Land;Newsletter;Tags\n" +
        'N-1;Anna Nowak;anna@example.com;"Kraków\nNowa Huta";pl;ja;vip, Stammkunde\n' +
        "N-2;Bernd Bauer;not-an-email;Berlin;DE;nein;\n" +
        "N-3;;carla@example.com;Köln;DE;;\n" +
        "N-1;Anna Again;anna2@example.com;Kraków;PL;;\n" +
        "GONE-1;Erased Person;gone@example.com;Berlin;DE;;\n" +
        "C-100001;Renamed Customer;;Hamburg;DE;yes;\n" +
        "N-4;Dora Duplicate;ANNA@example.com;Wien;AT;;\n",
    );

  it("writes the good rows, rejects the bad ones with line, column and reason, and a second run changes nothing", async () => {
    await db.erasedExternalId.create({ data: { externalIdHash: hashExternalId("GONE-1"), erasedAt: new Date("2026-04-01T08:00:00Z") } });
    const first = await runImport("CUSTOMERS", await file(), CUSTOMER_MAPPING);
    expect(first.status).toBe("SUCCEEDED");
    expect(first.rejects).toEqual([
      { line: 4, column: "E-Mail", reason: "validation.emailInvalid" },
      { line: 5, column: "Name", reason: "validation.nameRequired" },
      { line: 6, column: "Kundennummer", reason: 'imports.reasons.duplicateInFile {"line":2}' },
      { line: 7, column: "Kundennummer", reason: 'imports.reasons.erased {"date":"2026-04-01"}' },
      { line: 9, column: "E-Mail", reason: 'imports.reasons.emailInFile {"line":2}' },
    ]);
    expect(first.counts).toEqual({ rowsRead: 7, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 5 });

    const anna = await db.customer.findUnique({ where: { externalId: "N-1" } });
    expect(anna).toMatchObject({ name: "Anna Nowak", email: "anna@example.com", city: "Kraków\nNowa Huta", country: "PL", marketingConsent: true, tags: ["stammkunde", "vip"] });
    expect(anna?.marketingConsentAt).not.toBeNull();
    const renamed = await db.customer.findUnique({ where: { externalId: "C-100001" } });
    expect(renamed).toMatchObject({ name: "Renamed Customer", city: "Hamburg", email: null });
    expect(await db.customer.count({ where: { externalId: { in: ["N-2", "N-3", "N-4", "GONE-1"] } } })).toBe(0);

    const second = await runImport("CUSTOMERS", await file(), CUSTOMER_MAPPING);
    expect(second.counts).toEqual({ rowsRead: 7, rowsAccepted: 0, rowsUnchanged: 2, rowsRejected: 5 });
    expect((await db.customer.findUnique({ where: { externalId: "N-1" } }))?.updatedAt).toEqual(anna?.updatedAt);
  });

  it("writes only the mapped columns, updates the survivor of a merged-away id, and refuses an email another customer has", async () => {
    const before = await db.customer.findUniqueOrThrow({ where: { externalId: "C-100002" }, select: { email: true, tags: true, phone: true, id: true } });
    const other = await db.customer.findUniqueOrThrow({ where: { externalId: "C-100003" }, select: { id: true, email: true } });
    await db.customerAlias.create({ data: { externalId: "OLD-7", customerId: other.id } });
    const result = await runImport(
      "CUSTOMERS",
      await csvFile("names.csv", `id,name,email\nC-100002,Only The Name,\nOLD-7,Merged Away,\nN-9,Copycat,${other.email!.toUpperCase()}\n`),
      { externalId: "id", name: "name" },
      { separator: "," },
    );
    // Without an email column, C-100002 keeps its email; N-9 is created without one. OLD-7 was merged into
    // C-100003: that customer is updated, keeping its own external id, and nobody new is created for OLD-7.
    expect(result.rejects).toEqual([]);
    expect(result.counts).toEqual({ rowsRead: 3, rowsAccepted: 3, rowsUnchanged: 0, rowsRejected: 0 });
    const after = await db.customer.findUniqueOrThrow({ where: { id: before.id }, select: { name: true, email: true, tags: true, phone: true } });
    expect(after).toEqual({ name: "Only The Name", email: before.email, tags: before.tags, phone: before.phone });
    expect(await db.customer.findUniqueOrThrow({ where: { id: other.id }, select: { externalId: true, name: true, email: true } })).toEqual({ externalId: "C-100003", name: "Merged Away", email: other.email });
    expect(await db.customer.count({ where: { externalId: "OLD-7" } })).toBe(0);

    // The same survivor by its own id and by the merged-away one, in one file: the second row is a duplicate.
    const twice = await runImport("CUSTOMERS", await csvFile("twice.csv", `id,name,email\nC-100003,Own Id,\nOLD-7,Old Id,${other.email}\n`), { externalId: "id", name: "name", email: "email" }, { separator: "," });
    expect(twice.rejects).toEqual([{ line: 3, column: "id", reason: 'imports.reasons.duplicateInFile {"line":2}' }]);
    expect(await db.customer.findUniqueOrThrow({ where: { id: other.id }, select: { name: true } })).toEqual({ name: "Own Id" });
    // Its own email is not "taken" when it comes by the merged-away id; a second run changes nothing.
    const byAlias = await csvFile("alias-email.csv", `id,name,email\nOLD-7,Old Id Again,${other.email}\n`);
    for (const [run, counts] of [[1, { rowsRead: 1, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 0 }], [2, { rowsRead: 1, rowsAccepted: 0, rowsUnchanged: 1, rowsRejected: 0 }]] as const) {
      const result = await runImport("CUSTOMERS", byAlias, { externalId: "id", name: "name", email: "email" }, { separator: "," });
      expect(result.rejects, `run ${run}`).toEqual([]);
      expect(result.counts, `run ${run}`).toEqual(counts);
    }
    expect(await db.customer.findUniqueOrThrow({ where: { id: other.id }, select: { name: true } })).toEqual({ name: "Old Id Again" });

    const withEmail = await runImport("CUSTOMERS", await csvFile("emails.csv", `id,name,email\nN-9,Copycat,${other.email!.toUpperCase()}\n`), { externalId: "id", name: "name", email: "email" }, { separator: "," });
    expect(withEmail.rejects).toEqual([{ line: 2, column: "email", reason: "validation.emailTaken" }]);
  });
});

async function rawRejects(jobId: string) {
  const { rows } = await listImportRejects(jobId, { page: 1, pageSize: 100 });
  return rows.map(({ line, column, raw }) => ({ line, column, raw }));
}

/** A trigger that makes the database refuse some rows at write time, as a constraint added later or a concurrent change would. */
let refusals = 0;
async function refuseWhen(table: string, condition: string, error: { code: string; column?: string; constraint?: string }) {
  const name = `test_refuse_${++refusals}`;
  const using = [`ERRCODE = '${error.code}'`, ...(error.column ? [`COLUMN = '${error.column}'`] : []), ...(error.constraint ? [`CONSTRAINT = '${error.constraint}'`] : [])].join(", ");
  await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${condition} THEN RAISE EXCEPTION 'refused by test' USING ${using}; END IF; RETURN NEW; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}

describe("rows the database refuses while writing", () => {
  it("are rejected with their row text and the column the database named, while the rest are written", async () => {
    const restore = await refuseWhen("Customer", `NEW.city = 'Atlantis'`, { code: "23514", column: "city" });
    const restoreEmail = await refuseWhen("Customer", `NEW.name = 'Late Clash'`, { code: "23505", constraint: "Customer_live_email_key" });
    try {
      const result = await runImport(
        "CUSTOMERS",
        await csvFile("refused.csv", "Kundennummer;Name;E-Mail;Stadt\nW-1;Wilma Writer;wilma@example.com;Bremen\nW-2;Atlas Sunk;atlas@example.com;Atlantis\nW-3;Late Clash;late@example.com;Kiel\n"),
        { externalId: "Kundennummer", name: "Name", email: "E-Mail", city: "Stadt" },
      );
      expect(result.rejects).toEqual([
        { line: 3, column: "Stadt", reason: expect.stringMatching(/^imports\.reasons\.databaseRefused /) },
        { line: 4, column: "E-Mail", reason: "validation.emailTaken" },
      ]);
      expect(await rawRejects(result.jobId)).toEqual([
        { line: 3, column: "Stadt", raw: "W-2;Atlas Sunk;atlas@example.com;Atlantis" },
        { line: 4, column: "E-Mail", raw: "W-3;Late Clash;late@example.com;Kiel" },
      ]);
      expect(result.counts).toEqual({ rowsRead: 3, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 2 });
      expect(await db.customer.count({ where: { externalId: { in: ["W-1", "W-2", "W-3"] } } })).toBe(1);
    } finally {
      await restore();
      await restoreEmail();
    }
  });

  it("reject every row of a refused order at its own line, with its text, in the orders file and in a lines file", async () => {
    const restore = await refuseWhen("Order", `NEW."totalMinor" = 4242`, { code: "23514", column: "totalMinor" });
    try {
      const sameFile = await runImport(
        "ORDERS",
        await csvFile("refused-orders.csv", 'order,customer,date,total,sku,product,qty,price\nG-1,C-100010,2026-05-01,42.42,S-1,"Big\nBox",1,40.00\nG-1,,,,S-2,Small,1,2.42\nG-2,C-100010,2026-05-02,5.00,S-3,Thing,1,5.00\n'),
        { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total", lineSku: "sku", lineName: "product", lineQuantity: "qty", lineUnitPrice: "price" },
        { separator: "," },
      );
      expect(sameFile.rejects).toEqual([
        { line: 2, column: "total", reason: expect.stringMatching(/^imports\.reasons\.databaseRefused /) },
        { line: 4, column: null, reason: 'imports.reasons.orderRejected {"line":2}' },
      ]);
      expect(await rawRejects(sameFile.jobId)).toEqual([
        { line: 2, column: "total", raw: 'G-1,C-100010,2026-05-01,42.42,S-1,"Big\nBox",1,40.00' },
        { line: 4, column: null, raw: "G-1,,,,S-2,Small,1,2.42" },
      ]);
      expect(sameFile.counts).toEqual({ rowsRead: 3, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 2 });

      const linesFile = await runImport(
        "ORDERS",
        await csvFile("refused-orders-2.csv", "order;customer;date;total\nH-1;C-100010;2026-05-03;42,42\nH-2;C-100010;2026-05-04;1,00\n"),
        { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total" },
        { lines: { file: await csvFile("refused-lines-2.csv", "order;sku;name;qty;price\nH-2;X;Ex;1;1,00\nH-1;A;Alpha;1;40,00\nH-1;B;Beta;1;2,42\n"), mapping: { orderExternalId: "order", sku: "sku", name: "name", quantity: "qty", unitPrice: "price" } } },
      );
      expect(await rawRejects(linesFile.jobId)).toEqual([
        { line: 2, column: "total", raw: "H-1;C-100010;2026-05-03;42,42" },
        { line: 3, column: "lines:order", raw: "H-1;A;Alpha;1;40,00" },
        { line: 4, column: "lines:order", raw: "H-1;B;Beta;1;2,42" },
      ]);
      expect(linesFile.counts).toEqual({ rowsRead: 5, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 3 });
    } finally {
      await restore();
    }
  });
});

const ORDER_MAPPING = { externalId: "Bestellnummer", customerExternalId: "Kunde", placedAt: "Datum", status: "Status", total: "Summe", refunded: "Erstattet", salesChannel: "Kanal" };

describe("importing orders", () => {
  it("accepts good orders beside bad ones, reads dates and decimal commas, keeps customers' figures, and a second run changes nothing", async () => {
    const customer = await db.customer.findUniqueOrThrow({ where: { externalId: "C-100004" }, select: { id: true, orderCount: true, totalSpentMinor: true } });
    await db.erasedExternalId.create({ data: { externalIdHash: hashExternalId("GONE-2"), erasedAt: new Date("2026-03-15T00:00:00Z") } });
    const file = await csvFile(
      "orders.csv",
      "Bestellnummer;Kunde;Datum;Status;Summe;Erstattet;Kanal\n" +
        "A-1;C-100004;01.03.2026;bezahlt;1.234,50;;web\n" +
        "A-2;C-100004;2026-03-02T10:15:00+01:00;PARTIALLY_REFUNDED;100,00;20,5;store\n" +
        "A-3;NOBODY;2026-03-03;PAID;10,00;;web\n" +
        "A-4;GONE-2;2026-03-03;PAID;10,00;;web\n" +
        "A-5;C-100004;31.02.2026;PAID;10,00;;web\n" +
        "A-6;C-100004;2026-03-04;PAID;zehn;;web\n" +
        "A-7;C-100004;2026-03-04;PAID;10,00;20,00;web\n" +
        "A-1;C-100004;2026-03-05;PAID;5,00;;web\n" +
        "A-8;C-100004;2026-03-06;storniert;50,00;;phone\n",
    );
    const first = await runImport("ORDERS", file, ORDER_MAPPING);
    expect(first.rejects).toEqual([
      { line: 4, column: "Kunde", reason: 'imports.reasons.customerUnknown {"id":"NOBODY"}' },
      { line: 5, column: "Kunde", reason: 'imports.reasons.customerErased {"id":"GONE-2","date":"2026-03-15"}' },
      { line: 6, column: "Datum", reason: "imports.reasons.dateInvalid" },
      { line: 7, column: "Summe", reason: "imports.reasons.amountInvalid" },
      { line: 8, column: "Erstattet", reason: "imports.reasons.refundAboveTotal" },
      { line: 9, column: "Bestellnummer", reason: 'imports.reasons.duplicateInFile {"line":2}' },
    ]);
    expect(first.counts).toEqual({ rowsRead: 9, rowsAccepted: 3, rowsUnchanged: 0, rowsRejected: 6 });

    const orders = await db.order.findMany({ where: { source: "import", externalId: { in: ["A-1", "A-2", "A-8"] } }, orderBy: { externalId: "asc" } });
    expect(orders.map((order) => [order.externalId, order.customerId, order.placedAt.toISOString(), order.status, order.totalMinor, order.refundedMinor, order.currency, order.salesChannel])).toEqual([
      ["A-1", customer.id, "2026-03-01T00:00:00.000Z", "PAID", 123450, 0, "EUR", "web"],
      ["A-2", customer.id, "2026-03-02T09:15:00.000Z", "PARTIALLY_REFUNDED", 10000, 2050, "EUR", "store"],
      ["A-8", customer.id, "2026-03-06T00:00:00.000Z", "CANCELLED", 5000, 0, "EUR", "phone"],
    ]);
    // The order figures on the customer are kept by the database's triggers (cancelled orders do not count).
    const after = await db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { orderCount: true, totalSpentMinor: true } });
    expect(after.orderCount).toBe(customer.orderCount + 2);
    expect(after.totalSpentMinor).toBe(customer.totalSpentMinor + BigInt(123450 + 10000 - 2050));
    expect(await db.order.count({ where: { source: "import", externalId: { in: ["A-3", "A-4", "A-5", "A-6", "A-7"] } } })).toBe(0);

    const second = await runImport("ORDERS", file, ORDER_MAPPING);
    expect(second.counts).toEqual({ rowsRead: 9, rowsAccepted: 0, rowsUnchanged: 3, rowsRejected: 6 });
  });

  it("takes order lines from the same file, rejects an order with a bad line whole, and replaces the lines of a changed order", async () => {
    const mapping = { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total", lineSku: "sku", lineName: "product", lineQuantity: "qty", lineUnitPrice: "price" };
    const text = (price: string) =>
      "order,customer,date,total,sku,product,qty,price\n" +
      `L-1,C-100005,2026-04-01,30.00,BEAN-1,Espresso beans,2,${price}\n` +
      "L-1,,,,CUP-1,Cup,1,10.00\n" +
      "L-2,C-100005,2026-04-02,12.00,BEAN-2,Filter beans,1,12.00\n" +
      "L-2,C-100005,2026-04-02,12.00,CUP-2,Cup,zero,0.00\n" +
      "L-3,C-100005,2026-04-03,8.00,,,,\n";
    const first = await runImport("ORDERS", await csvFile("with-lines.csv", text("10.00")), mapping, { separator: "," });
    expect(first.rejects).toEqual([
      { line: 4, column: null, reason: 'imports.reasons.orderRejected {"line":5}' },
      { line: 5, column: "qty", reason: "imports.reasons.quantityInvalid" },
    ]);
    expect(first.counts).toEqual({ rowsRead: 5, rowsAccepted: 3, rowsUnchanged: 0, rowsRejected: 2 });
    const order = await db.order.findUniqueOrThrow({ where: { source_externalId: { source: "import", externalId: "L-1" } }, select: { id: true, lines: { orderBy: { sku: "asc" }, select: { sku: true, name: true, quantity: true, unitPriceMinor: true } } } });
    expect(order.lines).toEqual([
      { sku: "BEAN-1", name: "Espresso beans", quantity: 2, unitPriceMinor: 1000 },
      { sku: "CUP-1", name: "Cup", quantity: 1, unitPriceMinor: 1000 },
    ]);
    expect(await db.order.count({ where: { source: "import", externalId: "L-2" } })).toBe(0);
    expect(await db.orderLine.count({ where: { order: { source: "import", externalId: "L-3" } } })).toBe(0);

    const again = await runImport("ORDERS", await csvFile("with-lines.csv", text("10.00")), mapping, { separator: "," });
    expect(again.counts).toEqual({ rowsRead: 5, rowsAccepted: 0, rowsUnchanged: 3, rowsRejected: 2 });

    const changed = await runImport("ORDERS", await csvFile("with-lines.csv", text("12.50")), mapping, { separator: "," });
    expect(changed.counts).toEqual({ rowsRead: 5, rowsAccepted: 2, rowsUnchanged: 1, rowsRejected: 2 });
    const lines = await db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { sku: "asc" }, select: { sku: true, unitPriceMinor: true } });
    expect(lines).toEqual([
      { sku: "BEAN-1", unitPriceMinor: 1250 },
      { sku: "CUP-1", unitPriceMinor: 1000 },
    ]);
  });

  it("takes order lines from a second file: a bad line rejects its order, lines without an imported order are reported", async () => {
    const orders = await csvFile("orders-2.csv", "order;customer;date;total\nF-1;C-100006;2026-05-01;15,00\nF-2;C-100006;2026-05-02;5,00\nF-3;NOBODY;2026-05-03;5,00\n");
    const lines = await csvFile("lines-2.csv", "order;sku;name;qty;price\nF-1;A;Alpha;1;10,00\nF-1;B;Beta;1;5,00\nF-2;C;Gamma;-1;5,00\nF-3;D;Delta;1;5,00\nF-9;E;Epsilon;1;1,00\n");
    const result = await runImport(
      "ORDERS",
      orders,
      { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total" },
      { lines: { file: lines, mapping: { orderExternalId: "order", sku: "sku", name: "name", quantity: "qty", unitPrice: "price" } } },
    );
    expect(result.rejects).toEqual([
      { line: 3, column: null, reason: 'imports.reasons.lineRejected {"line":4}' },
      { line: 4, column: "lines:qty", reason: "imports.reasons.quantityInvalid" },
      { line: 4, column: "customer", reason: 'imports.reasons.customerUnknown {"id":"NOBODY"}' },
      { line: 5, column: "lines:order", reason: 'imports.reasons.orderNotImported {"id":"F-3"}' },
      { line: 6, column: "lines:order", reason: 'imports.reasons.orderNotImported {"id":"F-9"}' },
    ]);
    expect(result.counts).toEqual({ rowsRead: 8, rowsAccepted: 3, rowsUnchanged: 0, rowsRejected: 5 });
    // Lines without an imported order keep their row text for the rejects file, like every other reject.
    expect((await rawRejects(result.jobId)).filter((reject) => reject.column === "lines:order")).toEqual([
      { line: 5, column: "lines:order", raw: "F-3;D;Delta;1;5,00" },
      { line: 6, column: "lines:order", raw: "F-9;E;Epsilon;1;1,00" },
    ]);
    const written = await db.order.findUniqueOrThrow({ where: { source_externalId: { source: "import", externalId: "F-1" } }, select: { lines: { orderBy: { sku: "asc" }, select: { sku: true, unitPriceMinor: true } } } });
    expect(written.lines).toEqual([
      { sku: "A", unitPriceMinor: 1000 },
      { sku: "B", unitPriceMinor: 500 },
    ]);
    expect(await db.order.count({ where: { source: "import", externalId: { in: ["F-2", "F-3"] } } })).toBe(0);
  });

  it("rejects an order number repeated for another customer as a duplicate, on every run alike", async () => {
    const file = await csvFile("repeat.csv", "order;customer;date;total\nR-1;C-100008;2026-05-01;15,00\nR-2;C-100009;2026-05-01;5,00\nR-1;C-100009;2026-05-02;7,00\n");
    const mapping = { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total" };
    for (const run of [1, 2]) {
      const result = await runImport("ORDERS", file, mapping);
      expect(result.rejects, `run ${run}`).toEqual([{ line: 4, column: "order", reason: 'imports.reasons.duplicateInFile {"line":2}' }]);
      expect(result.counts, `run ${run}`).toEqual(run === 1 ? { rowsRead: 3, rowsAccepted: 2, rowsUnchanged: 0, rowsRejected: 1 } : { rowsRead: 3, rowsAccepted: 0, rowsUnchanged: 2, rowsRejected: 1 });
    }
    const order = await db.order.findUniqueOrThrow({ where: { source_externalId: { source: "import", externalId: "R-1" } }, select: { totalMinor: true, customer: { select: { externalId: true } } } });
    expect(order).toEqual({ totalMinor: 1500, customer: { externalId: "C-100008" } });
  });

  it("a dry run checks and counts but writes nothing", async () => {
    const ordersBefore = await db.order.count();
    const customersBefore = await db.customer.count();
    const orders = await runImport("ORDERS", await csvFile("dry.csv", "order;customer;date;total\nD-1;C-100007;2026-05-01;15,00\nD-2;NOBODY;2026-05-02;5,00\n"), { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "total" }, { isDryRun: true });
    expect(orders.counts).toEqual({ rowsRead: 2, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 1 });
    const customers = await runImport("CUSTOMERS", await csvFile("dry-customers.csv", "id;name\nDRY-1;Dry Run\n"), { externalId: "id", name: "name" }, { isDryRun: true });
    expect(customers.counts).toEqual({ rowsRead: 1, rowsAccepted: 1, rowsUnchanged: 0, rowsRejected: 0 });
    expect(await db.order.count()).toBe(ordersBefore);
    expect(await db.customer.count()).toBe(customersBefore);
  });

  it("fails clearly when a mapped column is not in the file, and refuses files that are not UTF-8", async () => {
    const missing = await runImport("ORDERS", await csvFile("missing.csv", "order;customer;date\nX-1;C-100001;2026-01-01\n"), { externalId: "order", customerExternalId: "customer", placedAt: "date", total: "Summe" });
    expect(missing).toMatchObject({ status: "FAILED", error: 'imports.errors.columnMissing {"column":"Summe"}' });
    const latin1 = path.join(dir, "latin1.csv");
    await writeFile(latin1, Buffer.from("id;name\nL-1;M\xfcller\n", "latin1"));
    const notUtf8 = await runImport("CUSTOMERS", latin1, { externalId: "id", name: "name" });
    expect(notUtf8).toMatchObject({ status: "FAILED", error: "imports.errors.notUtf8" });
  });
});

describe("uploaded files", () => {
  const upload = (text: string) => saveUpload(new Blob([text]).stream(), { name: "upload.csv", uploadedById: null, expectedBytes: Buffer.byteLength(text) });

  it("are deleted once their import ran, successfully or not, with uploads abandoned for a day; a file the command line was given stays", async () => {
    process.env.IMPORT_DIR = await mkdtemp(path.join(tmpdir(), "crm-import-uploads-"));
    try {
      const good = await upload("id;name\nUP-1;Ursula Upload\n");
      const broken = await upload("id;name\nUP-2;Udo Upload\n");
      const abandoned = await upload("id;name\nUP-3;Abandoned Upload\n");
      const fresh = await upload("id;name\nUP-4;Fresh Upload\n");
      const dayAndMore = new Date(Date.now() - 25 * 3_600_000);
      await utimes(abandoned.path, dayAndMore, dayAndMore);
      const own = await csvFile("own.csv", "id;name\nUP-5;Own File\n");

      expect((await runImport("CUSTOMERS", good.path, { externalId: "id", name: "name" })).status).toBe("SUCCEEDED");
      expect((await runImport("CUSTOMERS", broken.path, { externalId: "id", name: "Name fehlt" })).status).toBe("FAILED");
      expect((await runImport("CUSTOMERS", own, { externalId: "id", name: "name" })).status).toBe("SUCCEEDED");

      for (const gone of [good, broken, abandoned]) {
        expect(existsSync(gone.path), gone.path).toBe(false);
        expect(existsSync(gone.path.replace(/\.csv$/, ".json")), gone.path).toBe(false);
      }
      expect(existsSync(fresh.path)).toBe(true);
      expect(existsSync(own)).toBe(true);
      expect(await db.customer.count({ where: { externalId: { in: ["UP-1", "UP-5"] } } })).toBe(2);
    } finally {
      delete process.env.IMPORT_DIR;
    }
  });

  it("a job the queue hands out again after it finished is not run again (its upload is gone, its outcome stands)", async () => {
    process.env.IMPORT_DIR = await mkdtemp(path.join(tmpdir(), "crm-import-rerun-"));
    try {
      const file = await upload("id;name\nUP-6;Once Only\n");
      const first = await runImport("CUSTOMERS", file.path, { externalId: "id", name: "name" });
      expect(first.status).toBe("SUCCEEDED");
      const again = await runImportJob(first.jobId, { now: TEST_NOW, requestRecompute: false });
      expect(again).toMatchObject({ status: "SUCCEEDED", counts: first.counts });
      expect(await db.importJob.findUniqueOrThrow({ where: { id: first.jobId }, select: { status: true, rowsAccepted: true } })).toEqual({ status: "SUCCEEDED", rowsAccepted: 1 });
    } finally {
      delete process.env.IMPORT_DIR;
    }
  });
});
