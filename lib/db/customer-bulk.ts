/** Bulk changes to many customers: one statement per change, one audit entry for the whole batch. */
import { AppError } from "@/lib/errors";
import type { CustomerBulkChange } from "@/lib/schemas/customer-bulk";
import { writeAuditEntry } from "./audit-log";
import { db } from "./client";

/** Applies the change to the live customers among `ids`; returns how many were changed. */
export async function applyCustomerBulkChange(ids: readonly string[], change: CustomerBulkChange, actorId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    let changed: number;
    if (change.action === "assignOwner") {
      if (change.ownerId) {
        const owner = await tx.user.findUnique({ where: { id: change.ownerId }, select: { isActive: true } });
        if (!owner?.isActive) throw new AppError("INVALID", "The owner must be an active user.", { ownerId: ["ownerInvalid"] });
      }
      changed = await tx.$executeRaw`
        UPDATE "Customer" SET "ownerId" = ${change.ownerId}::uuid, "updatedAt" = now()
        WHERE "id" = ANY (${[...ids]}::uuid[]) AND "archivedAt" IS NULL AND "ownerId" IS DISTINCT FROM ${change.ownerId}::uuid`;
    } else if (change.action === "addTag") {
      changed = await tx.$executeRaw`
        UPDATE "Customer" SET "tags" = array_append("tags", ${change.tag}), "updatedAt" = now()
        WHERE "id" = ANY (${[...ids]}::uuid[]) AND "archivedAt" IS NULL AND NOT ("tags" @> ARRAY[${change.tag}]::text[])`;
    } else {
      changed = await tx.$executeRaw`
        UPDATE "Customer" SET "tags" = array_remove("tags", ${change.tag}), "updatedAt" = now()
        WHERE "id" = ANY (${[...ids]}::uuid[]) AND "archivedAt" IS NULL AND "tags" @> ARRAY[${change.tag}]::text[]`;
    }
    await writeAuditEntry(tx, {
      actorId,
      action: `customer.bulk_${change.action === "assignOwner" ? "assign_owner" : change.action === "addTag" ? "add_tag" : "remove_tag"}`,
      entityType: "Customer",
      after: { ...change, customers: ids.length, changed },
    });
    return changed;
  });
}
