/**
 * Customers through the REST API: created and updated with the same rules as the forms (plus the calling
 * system's external id and custom attributes), their segments kept current, and their value figures as a resource.
 */
import type { z } from "zod";
import type { CustomerCreateBody, CustomerUpdateBody, MetricsResource, PricingResource } from "@/lib/api/resources";
import { getLatestModelFit } from "@/lib/db/clv-model-fits";
import { erasedAt, findCustomerIdByExternalId } from "@/lib/db/customer-identity";
import { getApiCustomer, type ApiCustomerRow } from "@/lib/db/api-customers";
import { getCustomerMetrics } from "@/lib/db/customer-metrics";
import { getCustomerPricing } from "@/lib/db/customer-pricing";
import { createCustomer, updateCustomer } from "@/lib/db/customer-write";
import { listCustomerSegments } from "@/lib/db/segments";
import { getSettings } from "@/lib/db/settings";
import { AppError } from "@/lib/errors";
import type { CustomerInput } from "@/lib/schemas/customer";
import { refreshCustomerSegments } from "./customer-segments";

export async function createCustomerFromApi(body: z.output<typeof CustomerCreateBody>, now: Date): Promise<ApiCustomerRow> {
  if (body.externalId) {
    const erased = await erasedAt(body.externalId);
    if (erased) {
      throw new AppError("CONFLICT", `The person with external id ${body.externalId} asked for their data to be erased (${erased.toISOString().slice(0, 10)}); they are not recreated.`, { externalId: ["customerErased"] });
    }
    if (await findCustomerIdByExternalId(body.externalId)) throw new AppError("CONFLICT", `A customer with external id ${body.externalId} already exists.`, { externalId: ["externalIdTaken"] });
  }
  const { id } = await createCustomer(body, null, now);
  await refreshCustomerSegments([id], now);
  return (await getApiCustomer(id))!;
}

export async function updateCustomerFromApi(id: string, body: z.output<typeof CustomerUpdateBody>, now: Date): Promise<ApiCustomerRow> {
  const current = await getApiCustomer(id);
  if (!current) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  // Absent fields keep their stored values; present ones were validated by the same rules as the form.
  const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  const merged = {
    name: current.name,
    email: current.email,
    phone: current.phone,
    company: current.company,
    country: current.country,
    city: current.city,
    acquisitionChannel: current.acquisitionChannel,
    marketingConsent: current.marketingConsent,
    tags: current.tags,
    ownerId: current.ownerId,
    ...given,
  } as CustomerInput & { customAttributes?: Record<string, unknown> };
  await updateCustomer(
    id,
    merged,
    current.updatedAt,
    null,
    now,
  );
  await refreshCustomerSegments([id], now);
  return (await getApiCustomer(id))!;
}

export async function customerMetricsResource(customerId: string): Promise<z.input<typeof MetricsResource>> {
  const [customer, metrics, segments, fit, settings] = await Promise.all([getApiCustomer(customerId), getCustomerMetrics(customerId), listCustomerSegments(customerId), getLatestModelFit(), getSettings()]);
  if (!customer || !metrics) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  const unavailable = (fit?.unavailable as { purchase?: { message: string } } | null)?.purchase?.message ?? null;
  return {
    customerId,
    currency: settings.values.clv.currency,
    historicalValueMinor: metrics.historicalValueMinor,
    predictedValueMinor: metrics.predictedValueMinor,
    totalClvMinor: metrics.totalClvMinor,
    simpleClvMinor: metrics.simpleClvMinor,
    probabilityAlive: metrics.probabilityAlive,
    expectedPurchases: metrics.expectedPurchases,
    expectedOrderValueMinor: metrics.expectedOrderValueMinor,
    expectedNextOrderAt: metrics.expectedNextOrderAt?.toISOString() ?? null,
    horizonMonths: settings.values.clv.horizonMonths,
    rfm:
      metrics.rfmGroup && metrics.recencyScore && metrics.frequencyScore && metrics.monetaryScore
        ? { recency: metrics.recencyScore, frequency: metrics.frequencyScore, monetary: metrics.monetaryScore, group: metrics.rfmGroup }
        : null,
    segments: segments.map((membership) => ({ key: membership.segment.key, name: membership.segment.name, enteredAt: membership.enteredAt.toISOString() })),
    model: metrics.modelFit?.purchaseModel ? { name: metrics.modelFit.purchaseModel as "bgnbd" | "pnbd", fittedAt: metrics.modelFit.createdAt.toISOString() } : null,
    unavailable: metrics.predictedValueMinor === null ? unavailable : null,
    computedAt: metrics.computedAt.toISOString(),
  };
}

export async function customerPricingResource(customerId: string): Promise<z.input<typeof PricingResource>> {
  const pricing = await getCustomerPricing(customerId);
  if (!pricing) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  return { customerId: pricing.id, externalId: pricing.externalId, discountTier: pricing.discountTier, vip: pricing.segmentKeys.includes("vip"), segments: pricing.segmentKeys, updatedAt: pricing.updatedAt.toISOString() };
}
