/** A form submission for a server action under test: each field once, or once per value for a list. */
export function formData(fields: Record<string, string | readonly string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of typeof value === "string" ? [value] : value) data.append(key, item);
  return data;
}
