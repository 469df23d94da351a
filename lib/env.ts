/**
 * Environment variables, validated once. `npm start` and `npm test` set DATABASE_URL and NEXTAUTH_SECRET for
 * the embedded setup; production sets them itself (README: "Use your own PostgreSQL").
 */
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: start the app with `npm start`, or set it to a PostgreSQL URL" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a query waits for a free raw-SQL pool connection before it fails (the API answers 503 then). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Signs sessions and the unsubscribe links in workflow emails. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** The app's public address, for links in emails (unsubscribe). */
  NEXTAUTH_URL: z.url().optional(),
  /** smtp(s)://user:pass@host:port — when set, workflow emails are really sent; otherwise they stay in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL").optional(),
  SMTP_FROM: z.string().min(3).default("CRM <crm@localhost>"),
  /** Workflow steps run in parallel per worker process. */
  WORKFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  /** A step job a worker took and did not finish in this time (the worker died) is handed to another worker. */
  WORKFLOW_STEP_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** How often the job queue looks for expired jobs. */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
