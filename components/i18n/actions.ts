"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";
import { getCurrentUser } from "@/lib/auth/session";
import { setUserLocale } from "@/lib/db/users";

const LocaleSchema = z.enum(LOCALES);

/** Anyone may pick a language; a signed-in user's choice is also saved on their account. */
export async function changeLanguage(formData: FormData): Promise<void> {
  const parsed = LocaleSchema.safeParse(formData.get("locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", httpOnly: true });
  const user = await getCurrentUser();
  if (user) await setUserLocale(user.id, parsed.data);
  revalidatePath("/", "layout");
}
