/**
 * The error codes next-auth carries from `authorize` to the sign-in form. next-auth 4 passes a thrown Error's
 * message to the browser as `error`, so `authorize` only ever throws one of these, never a library's message.
 */
export const SIGN_IN_ERRORS = { invalid: "INVALID_CREDENTIALS", locked: "LOCKED", unavailable: "UNAVAILABLE" } as const;

export type SignInFormError = { key: "invalidCredentials" | "locked" | "unavailable" | "unexpected"; minutes?: number };

export function lockedCode(retryAfterSeconds: number): string {
  return `${SIGN_IN_ERRORS.locked}:${retryAfterSeconds}`;
}

/** What the form says for a code; anything it does not know becomes the generic message. */
export function toSignInFormError(code: string | undefined | null): SignInFormError {
  if (code?.startsWith(`${SIGN_IN_ERRORS.locked}:`)) {
    const seconds = Number(code.slice(SIGN_IN_ERRORS.locked.length + 1));
    return { key: "locked", minutes: Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 15 };
  }
  if (code === SIGN_IN_ERRORS.invalid || code === "CredentialsSignin") return { key: "invalidCredentials" };
  if (code === SIGN_IN_ERRORS.unavailable) return { key: "unavailable" };
  return { key: "unexpected" };
}
