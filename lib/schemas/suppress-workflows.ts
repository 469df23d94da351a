/**
 * The "don't trigger workflows" checkbox of a change that can move many customers between segments (a custom
 * segment's rule saved or archived, a bulk change from the customers list): ticked ("on") or absent.
 */
import { z } from "zod";

export const SuppressWorkflowsField = z
  .literal("on", { error: "invalid" })
  .nullish()
  .transform((value) => value === "on");
