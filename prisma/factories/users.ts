/** Staff accounts of the demo shop. The three demo logins are listed in the README and printed by `npm start`. */
export type UserSeed = { id: string; email: string; name: string; role: "AGENT" | "MANAGER" | "ADMIN"; password: string };

export const DEMO_PASSWORD = "demo-password";

export const DEMO_USERS: UserSeed[] = [
  { id: "00000000-0000-4000-8000-000000000001", email: "admin@example.com", name: "Alex Admin", role: "ADMIN", password: DEMO_PASSWORD },
  { id: "00000000-0000-4000-8000-000000000002", email: "manager@example.com", name: "Maria Manager", role: "MANAGER", password: DEMO_PASSWORD },
  { id: "00000000-0000-4000-8000-000000000003", email: "agent@example.com", name: "Sam Support", role: "AGENT", password: DEMO_PASSWORD },
];

/** More colleagues, so customers and tasks belong to several people. */
export const EXTRA_STAFF: UserSeed[] = [
  { id: "00000000-0000-4000-8000-000000000004", email: "lena.vogel@example.com", name: "Lena Vogel", role: "AGENT", password: DEMO_PASSWORD },
  { id: "00000000-0000-4000-8000-000000000005", email: "piotr.zielinski@example.com", name: "Piotr Zieliński", role: "AGENT", password: DEMO_PASSWORD },
];
