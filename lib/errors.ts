/**
 * Expected failures, as a small coded error that every transport maps the same way (pages → not-found or a
 * message, actions → an ActionResult, the REST API → a status code). Anything else is a bug and reaches
 * error.tsx or a 500 without details.
 */
export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "INVALID" | "RATE_LIMITED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field name → messages, for INVALID and CONFLICT errors that belong to a form field. */
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Prisma's known request errors, translated in this one place. */
export function fromPrismaError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002") return new AppError("CONFLICT", "A record with the same unique value already exists.");
  if (code === "P2025") return new AppError("NOT_FOUND", "The record does not exist.");
  if (code === "P2003") return new AppError("INVALID", "A referenced record does not exist.");
  return undefined;
}
