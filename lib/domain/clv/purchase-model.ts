/** BG/NBD and Pareto/NBD behind one shape, so backtest and scoring can use whichever the data favour. */
import { type BgnbdParams, fitBgnbd } from "./bgnbd";
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive } from "./bgnbd-predict";
import type { FitOptions, ModelFit, NotEnoughData } from "./fit-result";
import { fitParetoNbd, type ParetoNbdParams } from "./pareto-nbd";
import { paretoNbdExpectedPurchases, paretoNbdProbabilityAlive } from "./pareto-nbd-predict";
import type { WeightedTuples } from "./weighted-tuples";

export type PurchaseModelName = "bgnbd" | "pnbd";

export type PurchaseModel = { model: "bgnbd"; params: BgnbdParams } | { model: "pnbd"; params: ParetoNbdParams };

export type FittedPurchaseModel = PurchaseModel & Omit<ModelFit<unknown>, "params">;

export const PURCHASE_MODELS: readonly PurchaseModelName[] = ["bgnbd", "pnbd"];

export function fitPurchaseModel(model: PurchaseModelName, data: WeightedTuples, options: FitOptions = {}): FittedPurchaseModel | NotEnoughData {
  const fit = model === "bgnbd" ? fitBgnbd(data, options) : fitParetoNbd(data, options);
  if (!fit.ok) return fit;
  return { ...fit, model } as FittedPurchaseModel;
}

export function probabilityAlive(m: PurchaseModel, x: number, tx: number, T: number): number {
  return m.model === "bgnbd" ? bgnbdProbabilityAlive(m.params, x, tx, T) : paretoNbdProbabilityAlive(m.params, x, tx, T);
}

/** E[X(t) | x, t_x, T]: expected purchases in the next t time units. */
export function expectedPurchases(m: PurchaseModel, t: number, x: number, tx: number, T: number): number {
  return m.model === "bgnbd" ? bgnbdExpectedPurchases(m.params, t, x, tx, T) : paretoNbdExpectedPurchases(m.params, t, x, tx, T);
}
