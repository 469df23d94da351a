/** Names, addresses and phone numbers that fit each customer's country, from faker's locales. */
import {
  fakerCS_CZ,
  fakerDE,
  fakerDE_AT,
  fakerDE_CH,
  fakerEN_GB,
  fakerFR,
  fakerIT,
  fakerNL,
  fakerPL,
  fakerSV,
  type Faker,
} from "@faker-js/faker";
import type { Random } from "./random";

const LOCALES: readonly (readonly [string, Faker, number])[] = [
  ["DE", fakerDE, 38],
  ["PL", fakerPL, 20],
  ["AT", fakerDE_AT, 10],
  ["CH", fakerDE_CH, 7],
  ["NL", fakerNL, 6],
  ["GB", fakerEN_GB, 6],
  ["FR", fakerFR, 5],
  ["CZ", fakerCS_CZ, 4],
  ["SE", fakerSV, 2],
  ["IT", fakerIT, 2],
];

export type Person = { name: string; email: string | null; phone: string | null; company: string | null; country: string; city: string };
export type PersonFactory = { customer: (random: Random, isBusiness: boolean, fixed?: Person & { email: string }) => Person };

/** ASCII for email addresses: "Łukasz Müller" → "lukasz.muller". */
function emailPart(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/[^\p{ASCII}]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export function createPeople(seed: number): PersonFactory {
  LOCALES.forEach(([, faker], index) => faker.seed(seed + index));
  const usedEmails = new Set<string>();
  return {
    customer(random, isBusiness, fixed) {
      if (fixed) {
        usedEmails.add(fixed.email);
        return { name: fixed.name, email: fixed.email, phone: fixed.phone, country: fixed.country, city: fixed.city, company: fixed.company };
      }
      const country = random.weighted(LOCALES.map(([code, , weight]) => [code, weight] as const));
      const faker = LOCALES.find(([code]) => code === country)![1];
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      const company = isBusiness ? faker.company.name() : random.chance(0.08) ? faker.company.name() : null;
      let email: string | null = null;
      if (random.chance(0.97)) {
        const base = `${emailPart(firstName)}.${emailPart(lastName)}`;
        const domain = isBusiness && company ? `${emailPart(company).split(".")[0] ?? "firma"}.example.com` : random.pick(["example.com", "example.org", "example.net"]);
        email = `${base}@${domain}`;
        for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${domain}`;
        usedEmails.add(email);
      }
      return {
        name: `${firstName} ${lastName}`,
        email,
        phone: random.chance(0.7) ? faker.phone.number({ style: "international" }) : null,
        company,
        country,
        city: faker.location.city(),
      };
    },
  };
}
