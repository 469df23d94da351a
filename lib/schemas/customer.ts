/**
 * Customer input, shared by the create/edit form, its server actions and (later) the REST API and CSV import.
 * Messages are i18n keys under `validation.` so every transport can show them in the reader's language.
 */
import { z } from "zod";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { isCountryCode } from "@/lib/domain/countries";

/** Empty form fields mean "no value". */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .transform((value) => (value === "" ? null : value))
    .nullish()
    .transform((value) => value ?? null);

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{3,28}[0-9]$/;

export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

export const TagsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")))
  .transform((tags) => [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().regex(TAG_PATTERN, { error: "tagInvalid" })).max(20, { error: "tooManyTags" }));

export const CustomerInputSchema = z.object({
  name: z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(200, { error: "nameTooLong" }),
  email: optionalText(254, "emailInvalid").pipe(z.email({ error: "emailInvalid" }).nullable()),
  phone: optionalText(32, "phoneInvalid").refine((value) => value === null || (PHONE_PATTERN.test(value) && (value.match(/\d/g)?.length ?? 0) >= 5), {
    error: "phoneInvalid",
  }),
  company: optionalText(200, "companyTooLong"),
  country: optionalText(2, "countryInvalid")
    .transform((value) => value?.toUpperCase() ?? null)
    .refine((value) => value === null || isCountryCode(value), { error: "countryInvalid" }),
  city: optionalText(100, "cityTooLong"),
  acquisitionChannel: z.preprocess(emptyToNull, z.enum(ACQUISITION_CHANNELS, { error: "channelInvalid" }).nullable()),
  marketingConsent: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true"),
  tags: TagsSchema.optional().transform((value) => value ?? []),
  ownerId: z.preprocess(emptyToNull, z.uuid({ error: "ownerInvalid" }).nullable()),
});

export type CustomerInput = z.output<typeof CustomerInputSchema>;

/** The edit form also sends the version it loaded, so a concurrent edit is reported instead of overwritten. */
export const CustomerUpdateSchema = CustomerInputSchema.extend({
  id: z.uuid(),
  loadedUpdatedAt: z.iso.datetime({ offset: true }),
});

export function customerFormToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = Object.fromEntries(
    [...formData.entries()].filter(([key, value]) => typeof value === "string" && !key.startsWith("$ACTION")),
  );
  object.marketingConsent = formData.get("marketingConsent") === "on";
  return object;
}
