import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Route } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CustomerOrder } from "@/lib/db/customer-profile";
import { formatMoney } from "@/lib/domain/money";
import { OrderActions } from "./order-actions";

const STATUS_TONE = { PAID: "success", PARTIALLY_REFUNDED: "warning", REFUNDED: "danger", CANCELLED: "neutral" } as const;

type Props = { orders: CustomerOrder[]; total: number; currency: string; locale: string; moreHref?: Route; canManageOrders: boolean };

export async function OrdersSection({ orders, total, currency, locale, moreHref, canManageOrders }: Props) {
  const t = await getTranslations("profile.orders");
  const tStatus = await getTranslations("orderStatus");
  const format = await getFormatter();
  return (
    <Card title={t("title", { count: total })}>
      {orders.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {orders.map((order) => {
            const money = (minor: number) => formatMoney(minor, order.currency || currency, locale);
            return (
              <li key={order.id} className="py-2 text-sm">
                <details>
                  <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1">
                    <span className="font-medium">#{order.externalId}</span>
                    <time className="text-slate-600" dateTime={order.placedAt.toISOString()}>
                      {format.dateTime(order.placedAt, { dateStyle: "medium" })}
                    </time>
                    <Badge tone={STATUS_TONE[order.status]}>{tStatus(order.status)}</Badge>
                    <span className="ml-auto tabular-nums">
                      {money(order.totalMinor)}
                      {order.refundedMinor > 0 ? <span className="ml-2 text-red-700">−{money(order.refundedMinor)}</span> : null}
                    </span>
                  </summary>
                  <table className="mt-2 w-full text-xs">
                    <caption className="sr-only">{t("linesCaption", { number: order.externalId })}</caption>
                    <thead className="text-slate-500">
                      <tr>
                        <th scope="col" className="py-1 text-left font-medium">{t("sku")}</th>
                        <th scope="col" className="py-1 text-left font-medium">{t("product")}</th>
                        <th scope="col" className="py-1 text-right font-medium">{t("quantity")}</th>
                        <th scope="col" className="py-1 text-right font-medium">{t("unitPrice")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {order.lines.map((line) => (
                        <tr key={line.id}>
                          <td className="py-0.5 font-mono">{line.sku}</td>
                          <td className="py-0.5">{line.name}</td>
                          <td className="py-0.5 text-right tabular-nums">{line.quantity}</td>
                          <td className="py-0.5 text-right tabular-nums">{money(line.unitPriceMinor)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className="mt-1 text-xs text-slate-500">
                    {[order.salesChannel ? t("channel", { channel: order.salesChannel }) : null, order.refundedAt ? t("refundedOn", { date: format.dateTime(order.refundedAt, { dateStyle: "medium" }) }) : null]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {canManageOrders && (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED") ? (
                    <OrderActions orderId={order.id} orderNumber={order.externalId} canCancel={order.status === "PAID"} />
                  ) : null}
                </details>
              </li>
            );
          })}
        </ul>
      )}
      {moreHref ? (
        <Link href={moreHref} scroll={false} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("showMore")}
        </Link>
      ) : null}
    </Card>
  );
}
