import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const UserCreateSchema = z.object({
  name: z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(100, { error: "nameTooLong" }),
  email: z.string({ error: "emailInvalid" }).trim().toLowerCase().pipe(z.email({ error: "emailInvalid" }).max(254, { error: "emailInvalid" })),
  role: z.enum(ROLES, { error: "roleInvalid" }),
  // argon2 has no 72-byte limit (unlike bcrypt); the upper bound only keeps hashing time in check.
  password: z.string({ error: "passwordTooShort" }).min(MIN_PASSWORD_LENGTH, { error: "passwordTooShort" }).max(256, { error: "passwordTooLong" }),
});
export type UserCreateInput = z.output<typeof UserCreateSchema>;

export const UserAccessChangeSchema = z.discriminatedUnion("change", [
  z.object({ change: z.literal("role"), userId: z.uuid(), role: z.enum(ROLES, { error: "roleInvalid" }) }),
  z.object({ change: z.literal("active"), userId: z.uuid(), isActive: z.enum(["true", "false"]).transform((value) => value === "true") }),
]);
