/**
 * The currency figures are reported in. Orders carry their own currency; the shop's reporting currency is set
 * here until admins can set it in the CLV settings.
 */
export function displayCurrency(): string {
  const code = (process.env.CRM_CURRENCY ?? "EUR").toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : "EUR";
}
