/** How a customer first found the shop. A fixed list, so reports and acquisition costs line up per channel. */
export const ACQUISITION_CHANNELS = [
  "organic_search",
  "paid_search",
  "social",
  "email",
  "referral",
  "direct",
  "marketplace",
  "retail_store",
  "partner",
  "other",
] as const;
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];

/** Where an order was placed. */
export const SALES_CHANNELS = ["web", "mobile_app", "store", "phone", "marketplace"] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];
