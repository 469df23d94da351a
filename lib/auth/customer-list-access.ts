/**
 * What of the customers list's URL state a role may use. The segment filter reveals segment membership, which
 * only roles with segment:read may see: for the others it is dropped on the server, whatever the URL says (the
 * list's filters do not offer it to them either).
 */
import type { CustomerListQuery } from "@/lib/schemas/customer-list";
import { can, type Role } from "./permissions";

export function canFilterBySegment(role: Role): boolean {
  return can(role, "segment:read");
}

export function allowedListQuery(role: Role, query: CustomerListQuery): CustomerListQuery {
  return query.segment && !canFilterBySegment(role) ? { ...query, segment: undefined } : query;
}
