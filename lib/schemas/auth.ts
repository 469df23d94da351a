import { z } from "zod";

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "email" }).max(254, { error: "email" })),
  password: z.string().min(1, { error: "required" }).max(1024, { error: "passwordTooLong" }),
});
