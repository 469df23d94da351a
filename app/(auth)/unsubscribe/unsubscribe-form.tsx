"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { unsubscribeAction, type UnsubscribeState } from "./actions";

export function UnsubscribeForm({ customerId, token }: { customerId: string; token: string }) {
  const t = useTranslations("unsubscribe");
  const [state, action, isPending] = useActionState(unsubscribeAction, { status: "idle" } satisfies UnsubscribeState);
  if (state.status === "done") return <p role="status" className="text-sm text-slate-700">{t("done")}</p>;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="c" value={customerId} />
      <input type="hidden" name="t" value={token} />
      <p className="text-sm text-slate-700">{t("question")}</p>
      {state.status === "invalidLink" ? <FormMessage tone="error">{t("invalidLink")}</FormMessage> : null}
      {state.status === "unexpected" ? <FormMessage tone="error">{t("unexpected")}</FormMessage> : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? t("working") : t("confirm")}
      </Button>
    </form>
  );
}
