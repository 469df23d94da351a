/** Test databases: a migrated template, cloned once per test file. Only ever on a local server. */
// Per run (the global setup's pid, inherited by the test workers), so two runs on one server never share it.
export const TEMPLATE_DATABASE = (process.env.CRM_TEST_TEMPLATE ??= `crm_test_template_${process.pid}`);

export function adminDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error("TEST_DATABASE_ADMIN_URL is not set: run integration tests through `npm test`.");
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
    throw new Error(`Refusing to run tests against the non-local database host ${host} (set ALLOW_REMOTE_TEST_DATABASE=1 to override).`);
  }
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
