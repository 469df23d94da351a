/**
 * The one place route handlers turn failures into HTTP responses: expected AppErrors get their status and a
 * short JSON body, zod errors a 422 with field details, anything else a 500 with no internals (logged).
 */
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { fromPrismaError, isAppError, type AppErrorCode } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = {
  INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export function errorResponse(error: unknown): Response {
  unstable_rethrow(error);
  if (error instanceof ZodError) {
    return Response.json(
      { error: { code: "INVALID", message: "The request is not valid.", fields: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) } },
      { status: 422 },
    );
  }
  const appError = isAppError(error) ? error : fromPrismaError(error);
  if (appError) {
    return Response.json(
      { error: { code: appError.code, message: appError.message, ...(appError.fieldErrors ? { fields: appError.fieldErrors } : {}) } },
      { status: STATUS[appError.code] },
    );
  }
  console.error("Unexpected error in a route handler", error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

export function withRouteErrors<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
