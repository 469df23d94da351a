/**
 * The shape every server action returns to its form (useActionState). Messages are i18n keys; the form
 * translates them, so one action serves every language.
 */
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { fromPrismaError, isAppError } from "@/lib/errors";

export type ActionState =
  | { status: "idle" }
  | { status: "success"; message?: string; id?: string; count?: number }
  | {
      status: "error";
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** What the user typed, so a failed submit does not empty the form. */
      values?: Record<string, string>;
    };

export const IDLE: ActionState = { status: "idle" };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && key !== "password") values[key] = value;
  }
  return values;
}

export function validationFailed(error: z.ZodError, formData?: FormData): ActionState {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { status: "error", message: "errors.invalidInput", fieldErrors, values: formData ? formValues(formData) : undefined };
}

const ERROR_MESSAGE_KEYS = {
  NOT_FOUND: "errors.notFound",
  FORBIDDEN: "errors.forbidden",
  UNAUTHENTICATED: "errors.unauthenticated",
  CONFLICT: "errors.conflict",
  INVALID: "errors.invalidInput",
  RATE_LIMITED: "errors.rateLimited",
} as const;

/** Expected failures become an error state; Next's redirects and interrupts, and real bugs, propagate. */
export function actionFailed(error: unknown, formData?: FormData): ActionState {
  unstable_rethrow(error);
  const appError = isAppError(error) ? error : fromPrismaError(error);
  if (!appError) throw error;
  return {
    status: "error",
    message: ERROR_MESSAGE_KEYS[appError.code],
    fieldErrors: appError.fieldErrors,
    values: formData ? formValues(formData) : undefined,
  };
}
