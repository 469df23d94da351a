import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // App Router only; there is no pages/ directory.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // Playwright fixtures hand their value over with a callback named `use`; it is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Domain logic stays free of framework and database code (docs/decisions/0002-pure-domain.md).
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "pg", "@/lib/db/*", "@/app/*", "@/components/*"], message: "lib/domain is pure TypeScript: no framework or database imports." },
          ],
        },
      ],
    },
  },
  {
    // Services reach the database through lib/db's functions only (its tests may set up rows directly).
    files: ["lib/services/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/client", "@/lib/db/pg-pool", "@/lib/db/generated/*", "@prisma/*"], message: "lib/db is the only layer that talks to Prisma or the pg pool: call (or add) a function there." },
          ],
        },
      ],
    },
  },
];

export default config;
