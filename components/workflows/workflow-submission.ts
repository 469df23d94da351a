/**
 * The server's check of a submitted workflow: the details (name, segment, trigger, what happens when the customer
 * left the segment, a rate limit) by a form schema, and the steps JSON by WorkflowStepsSchema. Webhook secrets
 * typed in the editor come out of the steps here (by step index) and are stored apart from them. Errors are keyed
 * by field ("name") or by step path ("steps.2.subject"), with message keys under `validation.`.
 */
import { z } from "zod";
import type { WorkflowInput } from "@/lib/db/workflows";
import { issuesToFieldErrors } from "@/lib/domain/segments/rule-form";
import { WorkflowStepsSchema } from "@/lib/domain/workflows/steps";

export const WORKFLOW_NAME_MAX = 120;
export const SECRET_MIN = 16;
export const SECRET_MAX = 500;
export const MAX_RUNS_PER_HOUR = 100_000;

const DetailsSchema = z.object({
  name: z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(WORKFLOW_NAME_MAX, { error: "nameTooLong" }),
  segmentId: z.uuid({ error: "segmentInvalid" }),
  trigger: z.enum(["ENTER", "EXIT"], { error: "triggerInvalid" }),
  whenLeft: z.enum(["stop", "continue"], { error: "invalid" }),
  // Empty: no limit. Otherwise a whole number of runs per hour.
  maxRunsPerHour: z
    .string()
    .optional()
    .transform((text, context) => {
      const trimmed = text?.trim() ?? "";
      if (!trimmed) return null;
      const value = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
      if (value >= 1 && value <= MAX_RUNS_PER_HOUR) return value;
      context.addIssue({ code: "custom", message: "rateLimitInvalid" });
      return z.NEVER;
    }),
});

type Submitted = { name?: unknown; segmentId?: unknown; trigger?: unknown; whenLeft?: unknown; maxRunsPerHour?: unknown; steps?: unknown };

export type WorkflowSubmission = { success: true; data: WorkflowInput } | { success: false; fieldErrors: Record<string, string[]> };

function add(errors: Record<string, string[]>, key: string, message: string) {
  const list = (errors[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

export function parseWorkflowSubmission(input: Submitted): WorkflowSubmission {
  const fieldErrors: Record<string, string[]> = {};
  const details = DetailsSchema.safeParse({
    name: input.name ?? undefined,
    segmentId: input.segmentId ?? undefined,
    trigger: input.trigger ?? undefined,
    whenLeft: input.whenLeft ?? "stop",
    maxRunsPerHour: typeof input.maxRunsPerHour === "string" ? input.maxRunsPerHour : undefined,
  });
  if (!details.success) for (const issue of details.error.issues) add(fieldErrors, String(issue.path[0] ?? "form"), issue.message);

  let json: unknown;
  try {
    json = typeof input.steps === "string" ? JSON.parse(input.steps) : undefined;
  } catch {
    json = undefined;
  }
  const newSecrets: Record<number, string> = {};
  let steps: unknown = json;
  if (Array.isArray(json)) {
    steps = json.map((step: unknown, index) => {
      if (typeof step !== "object" || step === null || !("secret" in step)) return step;
      const { secret, ...rest } = step as Record<string, unknown>;
      if ((rest as { type?: unknown }).type !== "webhook") return step;
      if (typeof secret !== "string" || secret.length < SECRET_MIN || secret.length > SECRET_MAX) add(fieldErrors, `steps.${index}.secret`, "webhookSecretTooShort");
      else newSecrets[index] = secret;
      delete rest.secretId;
      return rest;
    });
  }
  const parsedSteps = WorkflowStepsSchema.safeParse(steps === undefined ? [] : steps);
  // Text that is not JSON is no list of steps at all (the editor never sends it).
  if (json === undefined && typeof input.steps === "string" && input.steps.trim() !== "") add(fieldErrors, "steps", "invalid");
  else if (!parsedSteps.success) {
    for (const [key, messages] of Object.entries(issuesToFieldErrors(parsedSteps.error.issues, "steps"))) for (const message of messages) add(fieldErrors, key, message);
  }
  if (!details.success || !parsedSteps.success || Object.keys(fieldErrors).length > 0) return { success: false, fieldErrors };
  return {
    success: true,
    data: {
      name: details.data.name,
      segmentId: details.data.segmentId,
      trigger: details.data.trigger,
      stopWhenLeft: details.data.whenLeft === "stop",
      maxRunsPerHour: details.data.maxRunsPerHour,
      steps: parsedSteps.data,
      newSecrets,
    },
  };
}
