/**
 * The fields an import can fill, per kind of file, and a first guess at which file column holds which field:
 * the columns used last time for this kind of import when the file still has them, else columns whose header
 * is a known name for the field (English, German, Polish and the usual shop exports). Pure.
 */

export type MappingTarget = "CUSTOMERS" | "ORDERS" | "LINES";

/** Field key → the file's header text of the column that holds it. */
export type ColumnMapping = Record<string, string>;

export type FieldSpec = { key: string; isRequired: boolean; aliases: readonly string[] };

const field = (key: string, isRequired: boolean, aliases: string[]): FieldSpec => ({ key, isRequired, aliases: [key, ...aliases] });

export const CUSTOMER_FIELDS: readonly FieldSpec[] = [
  field("externalId", true, ["customer id", "customer number", "customer no", "id", "kundennummer", "kunden-nr", "kundennr", "kunden id", "numer klienta", "id klienta", "nr klienta"]),
  field("name", true, ["full name", "customer name", "customer", "kunde", "kundenname", "name", "nazwa", "klient", "imię i nazwisko", "nazwa klienta"]),
  field("email", false, ["e-mail", "email address", "mail", "e-mail-adresse", "adres e-mail"]),
  field("phone", false, ["telephone", "phone number", "mobile", "telefon", "telefonnummer", "numer telefonu", "tel"]),
  field("company", false, ["company name", "organisation", "organization", "firma", "unternehmen", "nazwa firmy"]),
  field("country", false, ["country code", "land", "kraj", "ländercode"]),
  field("city", false, ["town", "stadt", "ort", "miasto", "miejscowość"]),
  field("acquisitionChannel", false, ["acquisition channel", "channel", "source", "kanal", "akquisekanal", "kanał", "źródło"]),
  field("marketingConsent", false, ["consent", "newsletter", "accepts marketing", "marketing", "einwilligung", "werbeeinwilligung", "zgoda", "zgoda marketingowa"]),
  field("tags", false, ["tag", "labels", "schlagworte", "etykiety", "tagi"]),
];

export const ORDER_FIELDS: readonly FieldSpec[] = [
  field("externalId", true, ["order id", "order number", "order no", "order", "bestellnummer", "bestell-nr", "auftragsnummer", "numer zamówienia", "nr zamówienia", "zamówienie"]),
  field("source", false, ["system", "quelle", "źródło zamówienia"]),
  field("customerExternalId", true, ["customer id", "customer number", "customer no", "customer", "kundennummer", "kunden-nr", "kunde", "numer klienta", "id klienta", "klient"]),
  field("placedAt", true, ["date", "order date", "created at", "placed at", "datum", "bestelldatum", "data", "data zamówienia"]),
  field("status", false, ["order status", "financial status", "bestellstatus", "status zamówienia"]),
  field("currency", false, ["currency code", "währung", "waluta"]),
  field("total", true, ["order total", "amount", "total amount", "gesamt", "summe", "betrag", "gesamtbetrag", "suma", "kwota", "wartość"]),
  field("refunded", false, ["refunded amount", "refund", "refund amount", "erstattet", "erstattung", "zwrócono", "zwrot"]),
  field("salesChannel", false, ["sales channel", "channel", "verkaufskanal", "kanal", "kanał sprzedaży", "kanał"]),
  field("lineSku", false, ["sku", "lineitem sku", "item sku", "artikelnummer", "art-nr", "indeks"]),
  field("lineName", false, ["product", "product name", "item", "item name", "lineitem name", "artikel", "produkt", "nazwa produktu"]),
  field("lineQuantity", false, ["quantity", "qty", "lineitem quantity", "menge", "anzahl", "ilość"]),
  field("lineUnitPrice", false, ["unit price", "price", "lineitem price", "item price", "einzelpreis", "preis", "cena", "cena jednostkowa"]),
];

export const LINE_FIELDS: readonly FieldSpec[] = [
  field("orderExternalId", true, ["order id", "order number", "order no", "order", "bestellnummer", "bestell-nr", "numer zamówienia", "nr zamówienia", "zamówienie"]),
  field("source", false, ["system", "quelle"]),
  field("sku", true, ["lineitem sku", "item sku", "artikelnummer", "art-nr", "indeks"]),
  field("name", true, ["product", "product name", "item", "item name", "lineitem name", "artikel", "produkt", "bezeichnung", "nazwa", "nazwa produktu"]),
  field("quantity", true, ["qty", "lineitem quantity", "menge", "anzahl", "ilość"]),
  field("unitPrice", true, ["unit price", "price", "lineitem price", "item price", "einzelpreis", "preis", "cena", "cena jednostkowa"]),
];

export const LINE_FIELD_KEYS_IN_ORDERS = ["lineSku", "lineName", "lineQuantity", "lineUnitPrice"] as const;

export function fieldsFor(target: MappingTarget): readonly FieldSpec[] {
  return target === "CUSTOMERS" ? CUSTOMER_FIELDS : target === "ORDERS" ? ORDER_FIELDS : LINE_FIELDS;
}

/** "Customer-No." → "customerno", "E-Mail" → "email": what is left to compare once case and punctuation go. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * A mapping for a file's headers: the last mapping's columns where the file has them, then exact matches of a
 * known name, then headers that contain a known name. Each column is used for at most one field, required
 * fields first.
 */
export function suggestMapping(headers: readonly string[], target: MappingTarget, lastMapping?: ColumnMapping | null): ColumnMapping {
  const fields = [...fieldsFor(target)].sort((a, b) => Number(b.isRequired) - Number(a.isRequired));
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (key: string, header: string) => {
    mapping[key] = header;
    used.add(header);
  };
  if (lastMapping) {
    for (const spec of fields) {
      const header = lastMapping[spec.key];
      if (header !== undefined && headers.includes(header) && !used.has(header)) take(spec.key, header);
    }
  }
  const normalized = headers.map((header) => ({ header, key: normalizeHeader(header) }));
  for (const pass of ["exact", "contains"] as const) {
    for (const spec of fields) {
      if (mapping[spec.key] !== undefined) continue;
      for (const alias of spec.aliases.map(normalizeHeader)) {
        const found = normalized.find(({ header, key }) => !used.has(header) && key !== "" && (pass === "exact" ? key === alias : alias.length >= 4 && key.includes(alias)));
        if (found) {
          take(spec.key, found.header);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Required fields that the mapping leaves without a column. */
export function missingRequiredFields(mapping: ColumnMapping, target: MappingTarget): string[] {
  return fieldsFor(target)
    .filter((spec) => spec.isRequired && !mapping[spec.key])
    .map((spec) => spec.key);
}

/** Whether an orders mapping carries order lines in the same file (any line column mapped). */
export function hasLineColumns(mapping: ColumnMapping): boolean {
  return LINE_FIELD_KEYS_IN_ORDERS.some((key) => Boolean(mapping[key]));
}
