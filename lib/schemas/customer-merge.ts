/**
 * Merging two customers: which customer's value each field takes, as the compare form sends it (customer "a" or
 * "b") and as the REST API takes it ("survivor" or "other"), plus the API's duplicate and merge resources.
 * A field that is not chosen takes the survivor's value, or the other's when the survivor has none.
 */
import { z } from "zod";
import { CustomerResource } from "@/lib/api/resources";

/** The fields a merge lets you pick, in the order the compare page shows them. Consent comes with its date. */
export const MERGE_FIELDS = ["name", "email", "phone", "company", "country", "city", "acquisitionChannel", "marketingConsent", "ownerId", "discountTier"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MergeSideSchema = z.enum(["survivor", "other"], { error: "choiceInvalid" });
export type MergeSide = z.output<typeof MergeSideSchema>;

export const TAG_CHOICES = ["union", "survivor", "other"] as const;
export const ATTRIBUTE_CHOICES = ["merge", "survivor", "other"] as const;

export const MergeChoicesSchema = z.object({
  fields: z.object(Object.fromEntries(MERGE_FIELDS.map((field) => [field, MergeSideSchema.optional()])) as Record<MergeField, z.ZodOptional<typeof MergeSideSchema>>).default({}),
  /** Both customers' tags (the default), or one side's. */
  tags: z.enum(TAG_CHOICES, { error: "choiceInvalid" }).default("union"),
  /** Both customers' attributes with the survivor's winning where both have a key (the default), or one side's. */
  customAttributes: z.enum(ATTRIBUTE_CHOICES, { error: "choiceInvalid" }).default("merge"),
});
export type MergeChoices = z.output<typeof MergeChoicesSchema>;

/** What a merge is asked to do, whichever transport asked. */
export type MergeRequest = {
  survivorId: string;
  otherId: string;
  choices: MergeChoices;
  /** The versions the person saw when choosing; a merge over a customer changed since then is refused. */
  expectedUpdatedAt?: { survivor: Date; other: Date };
};

/** POST /api/v1/customers/{id}/merge: the customer in the path survives; `otherId` is merged into it. */
export const MergeBodySchema = MergeChoicesSchema.extend({
  otherId: z.uuid({ error: "customerInvalid" }),
});

const Pick = z.enum(["a", "b"], { error: "choiceInvalid" });

/** The compare form: customers a and b as shown side by side, which one stays, and each field's side. */
export const MergeFormSchema = z.object({
  a: z.uuid(),
  b: z.uuid(),
  aUpdatedAt: z.iso.datetime({ offset: true }),
  bUpdatedAt: z.iso.datetime({ offset: true }),
  survivor: Pick,
  ...(Object.fromEntries(MERGE_FIELDS.map((field) => [field, Pick])) as Record<MergeField, typeof Pick>),
  tags: z.enum(["union", "a", "b"], { error: "choiceInvalid" }),
  customAttributes: z.enum(["merge", "a", "b"], { error: "choiceInvalid" }),
});
export type MergeForm = z.output<typeof MergeFormSchema>;

export function mergeFormToObject(formData: FormData): Record<string, unknown> {
  return Object.fromEntries([...formData.entries()].filter(([key, value]) => typeof value === "string" && !key.startsWith("$ACTION")));
}

/** The form's a/b picks as survivor/other choices. */
export function mergeRequestFromForm(form: MergeForm): MergeRequest {
  const side = (pick: "a" | "b"): MergeSide => (pick === form.survivor ? "survivor" : "other");
  const survivorId = form.survivor === "a" ? form.a : form.b;
  const otherId = form.survivor === "a" ? form.b : form.a;
  const aUpdatedAt = new Date(form.aUpdatedAt);
  const bUpdatedAt = new Date(form.bUpdatedAt);
  return {
    survivorId,
    otherId,
    choices: {
      fields: Object.fromEntries(MERGE_FIELDS.map((field) => [field, side(form[field])])) as MergeChoices["fields"],
      tags: form.tags === "union" ? "union" : side(form.tags),
      customAttributes: form.customAttributes === "merge" ? "merge" : side(form.customAttributes),
    },
    expectedUpdatedAt: form.survivor === "a" ? { survivor: aUpdatedAt, other: bUpdatedAt } : { survivor: bUpdatedAt, other: aUpdatedAt },
  };
}

// REST API resources.

export const DuplicateReasonSchema = z.enum(["email", "namePhone"]);

export const DuplicateCustomerResource = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  orderCount: z.number().int(),
  totalSpentMinor: z.number().int(),
  totalClvMinor: z.number().int(),
});

export const DuplicatePairResource = z.object({
  /** "email": the same address ignoring letter case and a +tag; "namePhone": the same name (ignoring case and accents) and phone digits. */
  reasons: z.array(DuplicateReasonSchema).min(1),
  combinedClvMinor: z.number().int(),
  /** The more valuable customer first. */
  customers: z.tuple([DuplicateCustomerResource, DuplicateCustomerResource]),
});

export const MergeMovedSchema = z.object({
  orders: z.number().int(),
  notes: z.number().int(),
  tasks: z.number().int(),
  membershipEvents: z.number().int(),
  workflowRuns: z.number().int(),
  /** Workflow emails sent to the other customer. */
  emails: z.number().int(),
  aliases: z.number().int(),
});

export const MergeResultResource = z.object({
  customer: CustomerResource,
  mergedId: z.uuid(),
  moved: MergeMovedSchema,
  /** External ids that now also lead to the surviving customer. */
  aliases: z.array(z.string()),
});
