/**
 * The imports pages rendered against a real database in every language: the list with its upload form, the
 * mapping step for an uploaded file (suggested columns and the preview with a rejected row), and an import's
 * page with its counts and rejected rows. A missing message key throws; nothing may read NaN or undefined.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createImportJob, saveLastImportMapping } from "@/lib/db/imports";
import { saveUpload, type StoredUpload } from "@/lib/import/import-files";
import { runImportJob } from "@/lib/import/run-import";
import { stopJobQueue } from "@/lib/jobs/queue";
import { renderPage, visibleText } from "@/tests/support/render-server-page";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";

const { navigationMock, nextIntlServerMock, sessionMock } = await vi.hoisted(() => import("@/tests/support/render-server-page"));
vi.mock("next-intl/server", () => nextIntlServerMock());
vi.mock("@/lib/auth/session", () => sessionMock());
vi.mock("next/navigation", () => navigationMock());

const { default: ImportsPage } = await import("./page");
const { default: NewImportPage } = await import("./new/page");
const { default: ImportJobPage } = await import("./[importId]/page");

const FIXTURES = path.resolve(import.meta.dirname, "../../../e2e/fixtures/imports");
let customersUpload: StoredUpload;
let finishedJobId: string;

beforeAll(async () => {
  process.env.IMPORT_DIR = await mkdtemp(path.join(tmpdir(), "crm-import-pages-"));
  await seedShop(10);
  const content = await readFile(path.join(FIXTURES, "customers.csv"));
  customersUpload = await saveUpload(new Blob([content]).stream(), { name: "customers.csv", uploadedById: null, expectedBytes: content.length });
  // The import deletes its own upload when it has run; the mapping page below reads the other one.
  const importedUpload = await saveUpload(new Blob([content]).stream(), { name: "customers.csv", uploadedById: null, expectedBytes: content.length });
  const job = await createImportJob({
    kind: "CUSTOMERS",
    fileName: "customers.csv",
    filePath: importedUpload.path,
    mapping: { main: { externalId: "Kundennummer", name: "Name", email: "E-Mail", city: "Stadt", country: "Land", marketingConsent: "Newsletter" } },
    options: { separator: ";", decimalSeparator: "auto", defaultSource: "import" },
    isDryRun: false,
    suppressWorkflows: true,
    createdById: null,
  });
  await runImportJob(job.id, { now: TEST_NOW, requestRecompute: false });
  finishedJobId = job.id;
});

afterAll(async () => {
  await stopJobQueue();
  await db.$disconnect();
});

describe("the imports pages", () => {
  it.each(["en", "de", "pl"] as const)("list recent imports beside the upload form (%s)", async (locale) => {
    const html = await renderPage(() => ImportsPage(), locale);
    expect(visibleText(html)).toContain("customers.csv");
    expect(html).toContain('type="file"');
  });

  it.each(["en", "de", "pl"] as const)("map an uploaded file's columns with a preview of the rows as stored (%s)", async (locale) => {
    const html = await renderPage(() => NewImportPage({ searchParams: Promise.resolve({ kind: "CUSTOMERS", file: customersUpload.id }) }), locale);
    const visible = visibleText(html);
    expect(visible).toContain("Imke Importer");
    expect(html).toMatch(/<option value="Kundennummer" selected="">Kundennummer<\/option>/);
    if (locale === "en") {
      expect(visible).toContain("Rejected: Enter a valid email address. (column E-Mail)");
      expect(visible).toContain("The choices were guessed from the column names.");
    }
  });

  it("offers the last mapping of the kind again", async () => {
    await saveLastImportMapping("CUSTOMERS", { main: { externalId: "Kundennummer", name: "Name", tags: "Newsletter" } });
    const html = await renderPage(() => NewImportPage({ searchParams: Promise.resolve({ kind: "CUSTOMERS", file: customersUpload.id }) }));
    expect(visibleText(html)).toContain("The choices are those of your last import of this kind.");
    expect(html).toMatch(/<select id="map\.tags" name="map\.tags"[^>]*>.*?<option value="Newsletter" selected="">/);
  });

  it("says when an upload is gone", async () => {
    const html = await renderPage(() => NewImportPage({ searchParams: Promise.resolve({ kind: "ORDERS", file: "00000000-0000-4000-8000-000000000009" }) }));
    expect(visibleText(html)).toContain("This upload is no longer there.");
  });

  it.each(["en", "de", "pl"] as const)("show a finished import's counts and rejected rows (%s)", async (locale) => {
    const html = await renderPage(() => ImportJobPage({ params: Promise.resolve({ importId: finishedJobId }), searchParams: Promise.resolve({}) }), locale);
    const visible = visibleText(html);
    expect(html).toContain('aria-valuenow="100"');
    expect(html).toContain(`/api/imports/${finishedJobId}/rejects`);
    expect(visible).toContain("E2E-IMP-2;Jonas Importer;not-an-email;Bremen;DE;nein");
    if (locale === "en") expect(visible).toMatch(/Rejected 2 .*Enter a valid email address\..*Enter a name\./);
  });
});
