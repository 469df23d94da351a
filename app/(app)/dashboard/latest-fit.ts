import "server-only";
import { cache } from "react";
import { getLatestModelFit } from "@/lib/db/clv-model-fits";

/** The model fit in force, read once per request however many cards show it. */
export const latestModelFit = cache(getLatestModelFit);
