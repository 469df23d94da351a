/**
 * The CLV formula people know: average order value × purchase frequency × expected lifespan, with the lifespan
 * taken as 1 / the observed churn rate. It is a population-level rule of thumb, shown beside the probabilistic
 * models and never instead of them: it assumes every customer buys at the same rate and churns at the same
 * constant rate.
 *
 * From the summaries, over the observed customer-time Σ T:
 * - average order value = total spent / orders (all orders, the first included);
 * - purchase frequency = orders / Σ T (orders per customer per time unit);
 * - a customer has churned when they have not bought for more than `lapseAfter` time units (T − recency);
 *   churn rate = churned customers / Σ T, and expected lifespan = 1 / churn rate.
 */
import { type CustomerSummary, validateSummary } from "./customer-summary";
import { notEnoughData, type NotEnoughData } from "./fit-result";
import { assertMargin } from "./historical-clv";

export type SimpleClvCustomer = Pick<CustomerSummary, "frequency" | "recency" | "T"> & {
  /** Everything the customer paid, net of refunds, in minor units. */
  totalSpent: number;
};

export type SimpleClv =
  | {
      ok: true;
      averageOrderValue: number;
      /** Orders per customer per time unit. */
      purchaseFrequency: number;
      /** Share of customers lost per time unit. */
      churnRate: number;
      /** In time units. */
      expectedLifespan: number;
      churnedCustomers: number;
      /** averageOrderValue × purchaseFrequency × expectedLifespan × gross margin, in the amounts' unit. */
      clv: number;
    }
  | NotEnoughData;

export function simpleClv(customers: readonly SimpleClvCustomer[], options: { lapseAfter: number; grossMargin?: number }): SimpleClv {
  const margin = options.grossMargin ?? 1;
  assertMargin(margin);
  if (!(options.lapseAfter > 0)) throw new RangeError(`lapseAfter must be a positive time, got ${options.lapseAfter}.`);
  if (customers.length === 0) return notEnoughData("NO_CUSTOMERS", "There are no customers.");
  let orders = 0;
  let spent = 0;
  let exposure = 0;
  let churned = 0;
  customers.forEach((customer, index) => {
    validateSummary(customer, index);
    orders += customer.frequency + 1;
    spent += customer.totalSpent;
    exposure += customer.T;
    if (customer.T - customer.recency > options.lapseAfter) churned++;
  });
  if (exposure === 0) return notEnoughData("NO_TIME_SPAN", "All customers are new today, so there is no time to measure churn over.");
  if (churned === 0) {
    return notEnoughData("NO_CHURN_OBSERVED", "No customer has lapsed yet, so a lifespan cannot be derived from churn.");
  }
  const averageOrderValue = spent / orders;
  const purchaseFrequency = orders / exposure;
  const churnRate = churned / exposure;
  const expectedLifespan = 1 / churnRate;
  return {
    ok: true,
    averageOrderValue,
    purchaseFrequency,
    churnRate,
    expectedLifespan,
    churnedCustomers: churned,
    clv: averageOrderValue * purchaseFrequency * expectedLifespan * margin,
  };
}
