/**
 * The admin settings in force (the highest SettingsVersion) and saving a new version. Versions are never
 * changed, only added, so every CLV figure and segment membership can say which settings drew it.
 */
import { CrmSettingsSchema, DEFAULT_CRM_SETTINGS, parseCrmSettings, type CrmSettings } from "@/lib/schemas/crm-settings";
import { AppError } from "@/lib/errors";
import { db, type Transaction } from "./client";
import { writeAuditEntry } from "./audit-log";
import type { Prisma } from "./generated/prisma/client";

export type SettingsInForce = { version: number; values: CrmSettings; createdAt: Date | null; createdByName: string | null };

/** Version 0 is the built-in defaults, before an admin saved anything. */
export async function getSettings(client: Transaction = db): Promise<SettingsInForce> {
  const latest = await client.settingsVersion.findFirst({
    orderBy: { version: "desc" },
    select: { version: true, values: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  if (!latest) return { version: 0, values: DEFAULT_CRM_SETTINGS, createdAt: null, createdByName: null };
  return { version: latest.version, values: parseCrmSettings(latest.values), createdAt: latest.createdAt, createdByName: latest.createdBy?.name ?? null };
}

export function listSettingsVersions(take = 20) {
  return db.settingsVersion.findMany({
    orderBy: { version: "desc" },
    take,
    select: { version: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/**
 * Saves `values` as the next version, with an audit entry of what changed, in one transaction. `expectedVersion`
 * is the version the admin edited: if someone saved in between, nothing is written and CONFLICT is raised.
 */
/** `actorId` null: saved by the system (the demo seed). */
export async function saveSettings(values: CrmSettings, options: { actorId: string | null; expectedVersion: number }): Promise<SettingsInForce> {
  const parsed = CrmSettingsSchema.parse(values);
  return db.$transaction(async (tx) => {
    // Serialise concurrent saves: the version number is the primary key, and the check below must see the latest.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('SettingsVersion'))`;
    const current = await getSettings(tx);
    if (current.version !== options.expectedVersion) {
      throw new AppError("CONFLICT", "The settings were changed by someone else in the meantime. Reload and try again.");
    }
    const version = current.version + 1;
    const created = await tx.settingsVersion.create({
      data: { version, values: parsed as unknown as Prisma.InputJsonValue, createdById: options.actorId },
      select: { createdAt: true, createdBy: { select: { name: true } } },
    });
    const changes = diffFlat(flatten(current.values), flatten(parsed));
    await writeAuditEntry(tx, {
      actorId: options.actorId,
      action: "settings.update",
      entityType: "SettingsVersion",
      entityId: String(version),
      before: { version: current.version, ...changes.before } as Prisma.InputJsonValue,
      after: { version, ...changes.after } as Prisma.InputJsonValue,
    });
    return { version, values: parsed, createdAt: created.createdAt, createdByName: created.createdBy?.name ?? null };
  });
}

/** "vip.enterTopPercent": 5, … so the audit log lists exactly the lines that moved. */
function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { [prefix]: value };
  const flat: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) Object.assign(flat, flatten(inner, prefix ? `${prefix}.${key}` : key));
  return flat;
}

function diffFlat(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes.before[key] = before[key] ?? null;
      changes.after[key] = after[key] ?? null;
    }
  }
  return changes;
}

/** The currency figures are reported in (orders carry their own; the shop reports in one). */
export async function getReportingCurrency(): Promise<string> {
  return (await getSettings()).values.clv.currency;
}
