/**
 * A workflow's steps as data: what staff build in the step editor, validated by zod, stored as JSON on the
 * workflow, and read by the step executor. Messages are i18n keys under `validation.`.
 */
import { z } from "zod";
import { ROLE_NAMES } from "./roles";

export const WAIT_UNITS = ["minutes", "hours", "days", "weeks"] as const;
export const STEP_TYPES = ["wait", "email", "task", "tag", "discountTier", "webhook"] as const;
export type StepType = (typeof STEP_TYPES)[number];

const MINUTES: Record<(typeof WAIT_UNITS)[number], number> = { minutes: 1, hours: 60, days: 1440, weeks: 10080 };

const WaitStep = z.strictObject({
  type: z.literal("wait"),
  amount: z.number({ error: "waitInvalid" }).int({ error: "waitInvalid" }).min(1, { error: "waitInvalid" }).max(10_000, { error: "waitInvalid" }),
  unit: z.enum(WAIT_UNITS, { error: "waitInvalid" }),
});

const EmailStep = z.strictObject({
  type: z.literal("email"),
  subject: z.string().trim().min(1, { error: "emailSubjectRequired" }).max(200, { error: "emailSubjectRequired" }),
  body: z.string().trim().min(1, { error: "emailBodyRequired" }).max(20_000, { error: "emailBodyRequired" }),
});

const TaskStep = z.strictObject({
  type: z.literal("task"),
  title: z.string().trim().min(1, { error: "taskTitleRequired" }).max(200, { error: "taskTitleTooLong" }),
  /** The customer's owner, or anyone with a role (the first active user of it, for now). */
  assignTo: z.union([z.literal("owner"), z.enum(ROLE_NAMES)], { error: "assigneeInvalid" }),
  dueInDays: z.number({ error: "dueDaysInvalid" }).int({ error: "dueDaysInvalid" }).min(0, { error: "dueDaysInvalid" }).max(365, { error: "dueDaysInvalid" }),
});

const TagStep = z.strictObject({
  type: z.literal("tag"),
  action: z.enum(["add", "remove"], { error: "invalid" }),
  tag: z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u, { error: "tagInvalid" }),
});

const DiscountTierStep = z.strictObject({
  type: z.literal("discountTier"),
  /** The tier or price list name the shop knows ("gold", "vip-10"); null clears it. */
  tier: z.string().trim().min(1, { error: "tierInvalid" }).max(40, { error: "tierInvalid" }).regex(/^[\w.-]+$/, { error: "tierInvalid" }).nullable(),
});

const WebhookStep = z.strictObject({
  type: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/, error: "webhookUrlInvalid" }).max(2000, { error: "webhookUrlInvalid" }),
  /** Id of the signing secret (WorkflowSecret); the secret itself never leaves the server. */
  secretId: z.uuid().optional(),
  timeoutSeconds: z.number().int().min(1).max(30).default(10),
});

export const WorkflowStepSchema = z.discriminatedUnion("type", [WaitStep, EmailStep, TaskStep, TagStep, DiscountTierStep, WebhookStep], { error: "stepTypeInvalid" });
export const WorkflowStepsSchema = z.array(WorkflowStepSchema).min(1, { error: "stepsEmpty" }).max(20, { error: "stepsTooMany" });

export type WorkflowStep = z.output<typeof WorkflowStepSchema>;
export type WaitStepConfig = z.output<typeof WaitStep>;

export function waitMilliseconds(step: Pick<WaitStepConfig, "amount" | "unit">): number {
  return step.amount * MINUTES[step.unit] * 60_000;
}

/** Retries of a failing step: 30 s, 1 min, 2 min, … doubling up to one hour, then the run fails. */
export const MAX_STEP_ATTEMPTS = 6;

export function retryDelayMilliseconds(attempt: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}
