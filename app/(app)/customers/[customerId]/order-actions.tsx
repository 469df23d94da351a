"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { validationMessage } from "@/components/i18n/validation-message";
import { IDLE } from "@/lib/actions/action-state";
import { cancelOrderAction, refundOrderAction } from "./actions";

/** Record a refund or a cancellation on an order (managers); the customer's value is rescored at once. */
export function OrderActions({ orderId, orderNumber, canCancel }: { orderId: string; orderNumber: string; canCancel: boolean }) {
  const t = useTranslations();
  const [refundState, refund, isRefunding] = useActionState(refundOrderAction, IDLE);
  const [cancelState, cancel, isCancelling] = useActionState(cancelOrderAction, IDLE);
  const refundErrors = refundState.status === "error" ? [...(refundState.fieldErrors?.amount ?? []), ...(refundState.fieldErrors?.reason ?? [])] : [];
  const successMessage = refundState.status === "success" ? refundState.message : cancelState.status === "success" ? cancelState.message : undefined;
  const error = refundState.status === "error" && refundErrors.length === 0 ? refundState : cancelState.status === "error" ? cancelState : null;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-2">
      <form action={refund} aria-label={t("profile.orders.refundFormLabel", { number: orderNumber })} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="orderId" value={orderId} />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("profile.orders.refundAmount")}
          <input
            name="amount"
            inputMode="decimal"
            required
            className="w-28 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset aria-invalid:ring-red-500"
            aria-invalid={refundErrors.length ? true : undefined}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("profile.orders.refundReason")}
          <input
            name="reason"
            maxLength={500}
            className="w-48 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset aria-invalid:ring-red-500"
            aria-invalid={refundState.status === "error" && refundState.fieldErrors?.reason ? true : undefined}
          />
        </label>
        <Button type="submit" variant="secondary" disabled={isRefunding}>
          {t("profile.orders.refund")}
        </Button>
      </form>
      {canCancel ? (
        <form
          action={cancel}
          onSubmit={(event) => {
            if (!window.confirm(t("profile.orders.confirmCancel", { number: orderNumber }))) event.preventDefault();
          }}
        >
          <input type="hidden" name="orderId" value={orderId} />
          <Button type="submit" variant="danger" disabled={isCancelling}>
            {t("profile.orders.cancel")}
          </Button>
        </form>
      ) : null}
      <div aria-live="polite" className="w-full text-xs empty:hidden">
        {refundErrors.map((key) => (
          <p key={key} className="text-red-600">
            {validationMessage(t, key)}
          </p>
        ))}
        {error ? <p className="text-red-600">{error.fieldErrors?.form?.[0] ? validationMessage(t, error.fieldErrors.form[0]) : t(error.message as never)}</p> : null}
        {successMessage ? (
          <p role="status" className="text-emerald-700">
            {t(successMessage as never)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
