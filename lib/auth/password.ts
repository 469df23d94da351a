/**
 * Password hashing with argon2id (OWASP's first choice). Parameters are @node-rs/argon2's defaults
 * (19 MiB memory, 2 passes), which OWASP lists as a minimum; verify() reads them back from each hash, so they
 * can be raised later without invalidating stored hashes.
 */
import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2's Algorithm is a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, not a crash on the sign-in page.
    return false;
  }
}

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password and sign-in
// timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummyHash(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing-only");
  await verifyPassword(await dummyHash, password);
}
