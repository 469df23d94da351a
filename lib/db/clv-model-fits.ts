/** Model fits of the CLV recompute: what the app shows as "the model" and what single-customer rescoring uses. */
import type { MonthlyForecast } from "@/lib/domain/clv/forecast";
import type { ScoringContext } from "@/lib/domain/customer-value";
import { db } from "./client";
import type { Prisma } from "./generated/prisma/client";

export type NewModelFit = {
  runId: string | null;
  status: "OK" | "NOT_ENOUGH_DATA";
  purchaseModel: "bgnbd" | "pnbd" | null;
  selection: "auto" | "fixed";
  purchaseParams: Record<string, number> | null;
  purchaseLogLikelihood: number | null;
  purchaseConverged: boolean | null;
  spendParams: Record<string, number> | null;
  spendConverged: boolean | null;
  unavailable: { purchase?: { cause: string; message: string }; spend?: { cause: string; message: string } } | null;
  backtest: unknown;
  forecast: MonthlyForecast | null;
  scoringContext: ScoringContext;
  timeUnit: "week";
  dataStart: Date | null;
  observationEnd: Date;
  calibrationEnd: Date | null;
  customers: number;
  repeatCustomers: number;
  settingsVersion: number;
};

export async function createModelFit(fit: NewModelFit): Promise<string> {
  const created = await db.clvModelFit.create({
    data: {
      ...fit,
      purchaseParams: (fit.purchaseParams ?? undefined) as Prisma.InputJsonValue | undefined,
      spendParams: (fit.spendParams ?? undefined) as Prisma.InputJsonValue | undefined,
      unavailable: (fit.unavailable ?? undefined) as Prisma.InputJsonValue | undefined,
      backtest: (fit.backtest ?? undefined) as Prisma.InputJsonValue | undefined,
      forecast: (fit.forecast ?? undefined) as Prisma.InputJsonValue | undefined,
      scoringContext: fit.scoringContext as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return created.id;
}

const fitSelect = {
  id: true,
  status: true,
  purchaseModel: true,
  selection: true,
  purchaseParams: true,
  purchaseLogLikelihood: true,
  purchaseConverged: true,
  spendParams: true,
  spendConverged: true,
  unavailable: true,
  backtest: true,
  forecast: true,
  scoringContext: true,
  timeUnit: true,
  dataStart: true,
  observationEnd: true,
  calibrationEnd: true,
  customers: true,
  repeatCustomers: true,
  settingsVersion: true,
  createdAt: true,
} as const satisfies Prisma.ClvModelFitSelect;

export type ModelFitRecord = Prisma.ClvModelFitGetPayload<{ select: typeof fitSelect }>;

export function getModelFit(id: string): Promise<ModelFitRecord | null> {
  return db.clvModelFit.findUnique({ where: { id }, select: fitSelect });
}

/** The newest fit: the one in force. */
export function getLatestModelFit(): Promise<ModelFitRecord | null> {
  return db.clvModelFit.findFirst({ orderBy: { createdAt: "desc" }, select: fitSelect });
}
