"use server";

/**
 * Custom segments from the rule builder. Each action: authorise segment:manage → validate (name, description and
 * the rule JSON by SegmentRuleSchema) → write with its audit entry (lib/db/segments.ts) → bring the segment's
 * memberships in line at once (refreshOneSegment, which records every entry and exit) → revalidate → redirect.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { RulePreview } from "@/components/segments/preview-state";
import { actionFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { previewSegment } from "@/lib/db/segment-memberships";
import { compileSegmentRule } from "@/lib/db/segment-rule-sql";
import { archiveCustomSegment, createCustomSegment, updateCustomSegment } from "@/lib/db/segments";
import { parseRuleText, parseSegmentSubmission } from "@/lib/domain/segments/rule-form";
import { SuppressWorkflowsField } from "@/lib/schemas/suppress-workflows";
import { refreshOneSegment } from "@/lib/services/segment-refresh";

const SegmentIdSchema = z.uuid();

function submission(formData: FormData) {
  return parseSegmentSubmission({ name: formData.get("name"), description: formData.get("description"), rule: formData.get("rule") });
}

/** "Don't trigger workflows": the entries and exits a saved rule or an archive causes start no workflows. */
function suppressWorkflows(formData: FormData) {
  return SuppressWorkflowsField.safeParse(formData.get("suppressWorkflows"));
}

function invalid(fieldErrors: Record<string, string[]>): ActionState {
  return { status: "error", message: "errors.invalidInput", fieldErrors };
}

const NOT_FOUND: ActionState = { status: "error", message: "errors.notFound" };

function revalidateSegments() {
  revalidatePath("/segments");
  // Customers' segment filters, badges and timelines follow memberships.
  revalidatePath("/customers", "layout");
}

export async function createSegmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("segment:manage");
    const parsed = submission(formData);
    if (!parsed.success) return invalid(parsed.fieldErrors);
    const { id } = await createCustomSegment(parsed.data, user.id);
    await refreshOneSegment(id);
  } catch (error) {
    return actionFailed(error);
  }
  revalidateSegments();
  redirect("/segments");
}

export async function updateSegmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("segment:manage");
    const segmentId = SegmentIdSchema.safeParse(formData.get("segmentId"));
    if (!segmentId.success) return NOT_FOUND;
    const parsed = submission(formData);
    if (!parsed.success) return invalid(parsed.fieldErrors);
    const quiet = suppressWorkflows(formData);
    if (!quiet.success) return invalid({ suppressWorkflows: ["invalid"] });
    await updateCustomSegment(segmentId.data, parsed.data, user.id);
    await refreshOneSegment(segmentId.data, { suppressWorkflows: quiet.data });
  } catch (error) {
    return actionFailed(error);
  }
  revalidateSegments();
  redirect("/segments");
}

export async function archiveSegmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("segment:manage");
    const segmentId = SegmentIdSchema.safeParse(formData.get("segmentId"));
    if (!segmentId.success) return NOT_FOUND;
    const quiet = suppressWorkflows(formData);
    if (!quiet.success) return invalid({ suppressWorkflows: ["invalid"] });
    await archiveCustomSegment(segmentId.data, user.id);
    // An archived segment matches nobody: every member exits, each with an event.
    await refreshOneSegment(segmentId.data, { suppressWorkflows: quiet.data });
  } catch (error) {
    return actionFailed(error);
  }
  revalidateSegments();
  redirect("/segments");
}

/** How many customers a rule would select, and who would enter or leave the segment, without saving anything. */
export async function previewSegmentRuleAction(segmentId: string | null, ruleJson: string): Promise<RulePreview> {
  try {
    await authorize("segment:manage");
    const rule = parseRuleText(ruleJson);
    if (!rule.success) return { status: "invalid", fieldErrors: rule.fieldErrors };
    const id = SegmentIdSchema.safeParse(segmentId);
    const now = new Date();
    const counts = await previewSegment(id.success ? id.data : null, (first) => compileSegmentRule(rule.data, { now, firstParam: first }));
    return { status: "ok", ...counts };
  } catch (error) {
    const state = actionFailed(error);
    return { status: "error", message: state.status === "error" ? state.message : "errors.invalidInput" };
  }
}
