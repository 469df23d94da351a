/**
 * Translates a validation message key from a server action. Schemas use keys under `validation.`; anything
 * else (an unexpected zod message) becomes the generic message instead of leaking English or a raw key.
 */
type Translator = { (key: never): string; has: (key: never) => boolean };

export function validationMessage(t: Translator, key: string): string {
  const path = `validation.${key}` as never;
  return t.has(path) ? t(path) : t("validation.invalid" as never);
}
