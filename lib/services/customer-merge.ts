/**
 * Merging two customers who are the same person: the survivor takes the chosen value of every field, the other's
 * orders, notes, tasks, segment history, workflow runs and external ids (lib/db/customer-merge.ts, one
 * transaction), and is then rescored at once, so their CLV figures and segment memberships reflect both
 * customers' orders.
 */
import { mergeCustomerRecords, type MergedValues, type MergeOutcome, type MergeRecord } from "@/lib/db/customer-merge";
import { AppError } from "@/lib/errors";
import { MERGE_FIELDS, type MergeChoices, type MergeField, type MergeRequest, type MergeSide } from "@/lib/schemas/customer-merge";
import { rescoreCustomer } from "./rescore-customer";

const MAX_TAGS = 20;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/**
 * The side a field takes when nobody chose: the survivor's value, or the other's when the survivor has none. For
 * marketing consent, the more recent decision (it is what the person asked for last).
 */
export function defaultSide(field: MergeField, survivor: MergeRecord, other: MergeRecord): MergeSide {
  if (field === "marketingConsent") {
    const [s, o] = [survivor.marketingConsentAt?.getTime() ?? -Infinity, other.marketingConsentAt?.getTime() ?? -Infinity];
    return o > s ? "other" : "survivor";
  }
  return isEmpty(survivor[field]) && !isEmpty(other[field]) ? "other" : "survivor";
}

/** The survivor's values after the merge, from both records and the choices made. */
export function resolveMergedValues(survivor: MergeRecord, other: MergeRecord, choices: MergeChoices): { values: MergedValues; sides: Record<MergeField, MergeSide> } {
  const sides = Object.fromEntries(MERGE_FIELDS.map((field) => [field, choices.fields[field] ?? defaultSide(field, survivor, other)])) as Record<MergeField, MergeSide>;
  const from = (field: MergeField) => (sides[field] === "survivor" ? survivor : other);
  const consent = from("marketingConsent");
  const tags = choices.tags === "union" ? [...new Set([...survivor.tags, ...other.tags])] : (choices.tags === "survivor" ? survivor : other).tags;
  if (tags.length > MAX_TAGS) throw new AppError("INVALID", `Together the customers have ${tags.length} tags; a customer can have at most ${MAX_TAGS}.`, { tags: ["tooManyTags"] });
  const customAttributes =
    choices.customAttributes === "merge" ? { ...other.customAttributes, ...survivor.customAttributes } : (choices.customAttributes === "survivor" ? survivor : other).customAttributes;
  return {
    sides,
    values: {
      name: from("name").name,
      email: from("email").email,
      phone: from("phone").phone,
      company: from("company").company,
      country: from("country").country,
      city: from("city").city,
      acquisitionChannel: from("acquisitionChannel").acquisitionChannel,
      marketingConsent: consent.marketingConsent,
      marketingConsentAt: consent.marketingConsentAt,
      ownerId: from("ownerId").ownerId,
      discountTier: from("discountTier").discountTier,
      tags,
      customAttributes,
    },
  };
}

export async function mergeCustomers(request: MergeRequest, context: { actorId: string | null; now: Date }): Promise<MergeOutcome> {
  const outcome = await mergeCustomerRecords({
    survivorId: request.survivorId,
    otherId: request.otherId,
    expectedUpdatedAt: request.expectedUpdatedAt,
    resolve: (survivor, other) => {
      const { values, sides } = resolveMergedValues(survivor, other, request.choices);
      return { values, auditDetail: { choices: { fields: sides, tags: request.choices.tags, customAttributes: request.choices.customAttributes } } };
    },
    actorId: context.actorId,
  });
  // The merged orders change the survivor's CLV, RFM scores and segments; the other's metrics went with it.
  await rescoreCustomer(outcome.survivorId, { now: context.now });
  return outcome;
}
