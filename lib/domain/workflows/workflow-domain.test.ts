import { describe, expect, it } from "vitest";
import { retryDelayMilliseconds, waitMilliseconds, WorkflowStepsSchema } from "./steps";
import { renderHtml, renderText, unknownVariables } from "./template";

describe("workflow steps", () => {
  it("accept every kind of step and refuse bad ones with a message key", () => {
    const steps = [
      { type: "wait", amount: 2, unit: "days" },
      { type: "email", subject: "Welcome, {{customer.firstName}}", body: "Hi!" },
      { type: "task", title: "Call them", assignTo: "owner", dueInDays: 3 },
      { type: "tag", action: "add", tag: "VIP-Welcome" },
      { type: "discountTier", tier: "gold" },
      { type: "webhook", url: "https://shop.example.com/hooks/crm" },
    ];
    const parsed = WorkflowStepsSchema.parse(steps);
    expect(parsed[3]).toEqual({ type: "tag", action: "add", tag: "vip-welcome" });
    expect(parsed[5]).toMatchObject({ timeoutSeconds: 10 });
    for (const [bad, key] of [
      [{ type: "wait", amount: 0, unit: "days" }, "waitInvalid"],
      [{ type: "email", subject: "", body: "x" }, "emailSubjectRequired"],
      [{ type: "webhook", url: "ftp://example.com" }, "webhookUrlInvalid"],
      [{ type: "teleport" }, "stepTypeInvalid"],
    ] as const) {
      const result = WorkflowStepsSchema.safeParse([bad]);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toContain(key);
    }
    expect(WorkflowStepsSchema.safeParse([]).error?.issues[0]?.message).toBe("stepsEmpty");
  });

  it("turns waits into milliseconds and backs off retries up to an hour", () => {
    expect(waitMilliseconds({ amount: 90, unit: "minutes" })).toBe(5_400_000);
    expect(waitMilliseconds({ amount: 1, unit: "weeks" })).toBe(604_800_000);
    expect([1, 2, 3].map(retryDelayMilliseconds)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMilliseconds(20)).toBe(3_600_000);
  });
});

describe("email templates", () => {
  const values = { "customer.name": "Zoë <Müller>", "clv.total": "€1,240.00", unsubscribeUrl: "https://crm.example.com/unsubscribe/abc" };

  it("fills in the variables, escapes them for HTML only, and leaves unknown ones visible", () => {
    expect(renderText("Hi {{customer.name}}, worth {{ clv.total }}. {{oops}}", values)).toBe("Hi Zoë <Müller>, worth €1,240.00. {{oops}}");
    const html = renderHtml("Hi {{customer.name}}\n\nBye: {{unsubscribeUrl}}", values);
    expect(html).toBe('<p>Hi Zoë &lt;Müller&gt;</p>\n<p>Bye: <a href="https://crm.example.com/unsubscribe/abc">https://crm.example.com/unsubscribe/abc</a></p>');
    expect(unknownVariables("{{customer.name}} {{customer.shoeSize}}")).toEqual(["customer.shoeSize"]);
  });
});
