/**
 * Email templates with variables: "Hello {{customer.name}}, your tier is {{discountTier}}". Unknown variables
 * are left visible (so a typo shows in the preview instead of vanishing); values are HTML-escaped for the HTML
 * body, never for the plain-text one.
 */
export const TEMPLATE_VARIABLES = ["customer.name", "customer.firstName", "customer.email", "clv.total", "clv.predicted", "clv.historical", "discountTier", "unsubscribeUrl"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);
}

export function renderText(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (match, name: string) => values[name as TemplateVariable] ?? match);
}

/** The body as simple HTML: escaped text, paragraphs on blank lines, the unsubscribe link as a link. */
export function renderHtml(template: string, values: TemplateValues): string {
  const text = escapeHtml(template).replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name as TemplateVariable];
    if (value === undefined) return match;
    return name === "unsubscribeUrl" ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
  });
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/** Variables a template uses that do not exist, for the step editor to warn about. */
export function unknownVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
}
