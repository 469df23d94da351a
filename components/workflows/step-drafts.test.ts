import { describe, expect, it } from "vitest";
import { WorkflowStepsSchema, type WorkflowStep } from "@/lib/domain/workflows/steps";
import { draftsToJson, errorsByStep, generateSecret, moveStep, newStep, stepsToDrafts } from "./step-drafts";
import { parseWorkflowSubmission } from "./workflow-submission";

const SECRET_ID = "7d0b1f5e-0a8e-4c52-9f55-1e1c8a1b2c3d";
const SEGMENT_ID = "5b0c7a8e-4d4e-4b0f-8e3f-0e3c2b1a0f9d";

const stored: WorkflowStep[] = [
  { type: "wait", amount: 2, unit: "hours" },
  { type: "email", subject: "Hi {{customer.firstName}}", body: "Hello" },
  { type: "task", title: "Call", assignTo: "MANAGER", dueInDays: 0 },
  { type: "tag", action: "remove", tag: "lead" },
  { type: "discountTier", tier: null },
  { type: "webhook", url: "https://example.com/hook", secretId: SECRET_ID, timeoutSeconds: 5 },
];

describe("the step editor's drafts", () => {
  it("turn stored steps into drafts and back unchanged", () => {
    const drafts = stepsToDrafts(stored);
    expect(drafts.map((draft) => draft.id)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    expect(WorkflowStepsSchema.parse(draftsToJson(drafts))).toEqual(stored);
  });

  it("send numbers as typed so the schema refuses text with the step's own message", () => {
    const json = draftsToJson([{ ...newStep("wait", "a"), amount: "3 days" } as never, { ...newStep("task", "b"), dueInDays: " 4 " } as never]);
    expect(json).toEqual([
      { type: "wait", amount: "3 days", unit: "days" },
      { type: "task", title: "", assignTo: "owner", dueInDays: 4 },
    ]);
  });

  it("send a new webhook secret in place of the stored one's id", () => {
    const [webhook] = stepsToDrafts([stored[5]!]);
    expect(draftsToJson([{ ...webhook!, newSecret: "a-new-secret-of-enough-length" } as never])).toEqual([
      { type: "webhook", url: "https://example.com/hook", timeoutSeconds: 5, secret: "a-new-secret-of-enough-length" },
    ]);
  });

  it("move steps up and down within the list", () => {
    expect(moveStep(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveStep(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moveStep(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });

  it("put errors on the step that was at their position when the form was sent", () => {
    const sent = stepsToDrafts(stored);
    expect(errorsByStep(sent, { name: ["nameRequired"], steps: ["stepsEmpty"], "steps.1.subject": ["emailSubjectRequired"], "steps.5.secretId": ["invalid"], "steps.9.type": ["x"] })).toEqual({
      list: ["stepsEmpty", "x"],
      steps: { s2: { subject: ["emailSubjectRequired"] }, s6: { secret: ["invalid"] } },
    });
  });

  it("generate secrets in the Standard Webhooks form", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateSecret()).not.toBe(secret);
  });
});

describe("a submitted workflow", () => {
  const fields = { name: " Welcome ", segmentId: SEGMENT_ID, trigger: "EXIT", whenLeft: "stop", maxRunsPerHour: "" };

  it("takes new webhook secrets out of the steps, by index", () => {
    const steps = JSON.stringify([{ type: "wait", amount: 1, unit: "days" }, { type: "webhook", url: "https://example.com/x", secretId: SECRET_ID, secret: "0123456789abcdef" }]);
    const parsed = parseWorkflowSubmission({ ...fields, steps });
    expect(parsed).toEqual({
      success: true,
      data: {
        name: "Welcome",
        segmentId: SEGMENT_ID,
        trigger: "EXIT",
        stopWhenLeft: true,
        maxRunsPerHour: null,
        steps: [{ type: "wait", amount: 1, unit: "days" }, { type: "webhook", url: "https://example.com/x", timeoutSeconds: 10 }],
        newSecrets: { 1: "0123456789abcdef" },
      },
    });
  });

  it("refuses missing details, a bad rate limit and steps that are not JSON", () => {
    expect(parseWorkflowSubmission({ steps: "nope", maxRunsPerHour: "0" })).toEqual({
      success: false,
      fieldErrors: { name: ["nameRequired"], segmentId: ["segmentInvalid"], trigger: ["triggerInvalid"], maxRunsPerHour: ["rateLimitInvalid"], steps: ["invalid"] },
    });
    expect(parseWorkflowSubmission({ name: "x" })).toMatchObject({ success: false, fieldErrors: { steps: ["stepsEmpty"] } });
    expect(parseWorkflowSubmission({ ...fields, maxRunsPerHour: "120", steps: "[]" })).toMatchObject({ success: false, fieldErrors: { steps: ["stepsEmpty"] } });
  });
});
