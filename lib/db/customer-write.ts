import { AppError } from "@/lib/errors";
import type { CustomerInput } from "@/lib/schemas/customer";
import { changedFields, writeAuditEntry } from "./audit-log";
import { db } from "./client";
import type { Prisma } from "./generated/prisma/client";

function isLiveEmailConflict(error: unknown): boolean {
  const e = error as { code?: string; meta?: Record<string, unknown>; message?: string } | null;
  return e?.code === "P2002" || /Customer_live_email_key/.test(String(e?.message ?? ""));
}

const emailTaken = () => new AppError("CONFLICT", "Another customer already uses this email.", { email: ["emailTaken"] });

/** A new owner must be active; keeping a deactivated owner unchanged is allowed (see updateCustomer). */
async function assertOwnerIsActive(tx: Prisma.TransactionClient, ownerId: string | null) {
  if (!ownerId) return;
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { isActive: true } });
  if (!owner?.isActive) throw new AppError("INVALID", "The owner must be an active user.", { ownerId: ["ownerInvalid"] });
}

/** Systems that sync customers in also send their own id and free-form attributes. */
export type CustomerWrite = CustomerInput & { externalId?: string; customAttributes?: Record<string, unknown> };

export async function createCustomer(input: CustomerWrite, actorId: string | null, now: Date): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      await assertOwnerIsActive(tx, input.ownerId);
      const customer = await tx.customer.create({
        data: { ...input, customAttributes: (input.customAttributes ?? {}) as Prisma.InputJsonValue, marketingConsentAt: input.marketingConsent ? now : null },
        select: { id: true },
      });
      await writeAuditEntry(tx, { actorId, action: "customer.create", entityType: "Customer", entityId: customer.id, after: { name: input.name, email: input.email } });
      return customer;
    });
  } catch (error) {
    if (isLiveEmailConflict(error)) throw emailTaken();
    throw error;
  }
}

export async function updateCustomer(
  id: string,
  input: CustomerInput & { customAttributes?: Record<string, unknown> },
  loadedUpdatedAt: Date,
  actorId: string | null,
  now: Date,
): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const current = await tx.customer.findUnique({
        where: { id },
        select: {
          name: true, email: true, phone: true, company: true, country: true, city: true, acquisitionChannel: true,
          marketingConsent: true, tags: true, ownerId: true, updatedAt: true, erasedAt: true,
        },
      });
      if (!current) throw new AppError("NOT_FOUND", "This customer does not exist.");
      if (current.erasedAt) throw new AppError("CONFLICT", "This customer's data was erased; it cannot be edited.", { form: ["customerErased"] });
      if (current.updatedAt.getTime() !== loadedUpdatedAt.getTime()) {
        throw new AppError("CONFLICT", "Someone else changed this customer meanwhile.", { form: ["staleEdit"] });
      }
      // A colleague who left stays the owner until someone picks another: fixing a phone number must not fail.
      if (input.ownerId !== current.ownerId) await assertOwnerIsActive(tx, input.ownerId);
      const consentChanged = current.marketingConsent !== input.marketingConsent;
      // The version check in the WHERE clause closes the gap between the read above and this write.
      const { count } = await tx.customer.updateMany({
        where: { id, updatedAt: loadedUpdatedAt },
        data: {
          ...input,
          customAttributes: input.customAttributes === undefined ? undefined : (input.customAttributes as Prisma.InputJsonValue),
          ...(consentChanged ? { marketingConsentAt: now } : {}),
        },
      });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this customer meanwhile.", { form: ["staleEdit"] });
      const { updatedAt: _ignored, erasedAt: _erased, ...before } = current;
      const diff = changedFields(before, input);
      if (Object.keys(diff.after).length > 0) {
        await writeAuditEntry(tx, { actorId, action: "customer.update", entityType: "Customer", entityId: id, before: diff.before as Prisma.InputJsonValue, after: diff.after as Prisma.InputJsonValue });
      }
    });
  } catch (error) {
    if (isLiveEmailConflict(error)) throw emailTaken();
    throw error;
  }
}

export async function setCustomerArchived(id: string, isArchived: boolean, actorId: string, now: Date): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.customer.updateMany({ where: { id }, data: { archivedAt: isArchived ? now : null } });
      if (count === 0) throw new AppError("NOT_FOUND", "This customer does not exist.");
      await writeAuditEntry(tx, { actorId, action: isArchived ? "customer.archive" : "customer.restore", entityType: "Customer", entityId: id });
    });
  } catch (error) {
    if (isLiveEmailConflict(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Deletes a customer entered by mistake. A customer with orders is archived instead (or erased, for a privacy
 * request): deleting would silently remove revenue from every report and model.
 */
export async function deleteCustomer(id: string, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id }, select: { name: true, _count: { select: { orders: true } } } });
    if (!customer) throw new AppError("NOT_FOUND", "This customer does not exist.");
    if (customer._count.orders > 0) {
      throw new AppError("CONFLICT", "A customer with orders cannot be deleted; archive them instead.", { form: ["hasOrders"] });
    }
    await tx.customer.delete({ where: { id } });
    await writeAuditEntry(tx, { actorId, action: "customer.delete", entityType: "Customer", entityId: id, before: { name: customer.name } });
  });
}
