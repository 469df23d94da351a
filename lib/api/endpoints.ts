/**
 * Every endpoint of REST API v1, declared once: the route files run them (lib/api/endpoint.ts) and the OpenAPI
 * document is generated from them (lib/api/openapi.ts). A test checks that every route file's methods are here.
 */
import { z } from "zod";
import { defineEndpoint } from "./define";
import {
  AmountIdCursor,
  AmountIdIdCursor,
  CustomerCreateBody,
  CustomerListQuery,
  CustomerResource,
  CustomerUpdateBody,
  IdParams,
  MetricsResource,
  OrderCreateBody,
  OrderResource,
  page,
  pageQuery,
  PricingResource,
  RefundBody,
  SegmentKeyParams,
  SegmentMemberResource,
  SegmentResource,
  TimeIdCursor,
} from "./resources";
import { DuplicatePairResource, MergeBodySchema, MergeResultResource } from "@/lib/schemas/customer-merge";

export const listCustomers = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers",
  tag: "Customers",
  summary: "List live customers with the same filters as the customers list (q, country, channel, tag, segment), oldest first, with a cursor.",
  permission: "customer:read",
  write: false,
  query: CustomerListQuery,
  response: page(CustomerResource),
  errors: [422],
});

export const createCustomer = defineEndpoint({
  method: "POST",
  path: "/api/v1/customers",
  tag: "Customers",
  summary: "Create a customer. An external id that exists, or that belonged to an erased person, is a conflict.",
  permission: "customer:create",
  write: true,
  body: CustomerCreateBody,
  response: CustomerResource,
  successStatus: 201,
  errors: [409, 422],
});

export const getCustomer = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers/{id}",
  tag: "Customers",
  summary: "One customer.",
  permission: "customer:read",
  write: false,
  params: IdParams,
  response: CustomerResource,
  errors: [404],
});

export const updateCustomer = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/customers/{id}",
  tag: "Customers",
  summary: "Change a customer's contact data, consent, tags, owner or custom attributes; absent fields stay.",
  permission: "customer:update",
  write: true,
  params: IdParams,
  body: CustomerUpdateBody,
  response: CustomerResource,
  errors: [404, 409, 422],
});

export const listCustomerOrders = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers/{id}/orders",
  tag: "Orders",
  summary: "A customer's orders with their lines, newest first, with a cursor.",
  permission: "customer:read",
  write: false,
  params: IdParams,
  query: pageQuery(TimeIdCursor),
  response: page(OrderResource),
  errors: [404, 422],
});

export const getCustomerMetrics = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers/{id}/metrics",
  tag: "Customer value",
  summary: "What the customer is worth: historical, predicted and total CLV, P(alive), next order, RFM and segments.",
  permission: "customer:read",
  write: false,
  params: IdParams,
  response: MetricsResource,
  errors: [404],
});

export const getCustomerPricing = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers/{id}/pricing",
  tag: "Customer value",
  summary: "What the shop should charge this customer: the discount tier / price list a workflow or staff set, and VIP status.",
  permission: "customer:read",
  write: false,
  params: IdParams,
  response: PricingResource,
  errors: [404],
});

export const createOrder = defineEndpoint({
  method: "POST",
  path: "/api/v1/orders",
  tag: "Orders",
  summary: "Record a new order (the call a shop makes for each order). With an Idempotency-Key header, a repeat creates nothing and returns the first response.",
  permission: "order:manage",
  write: true,
  body: OrderCreateBody,
  response: OrderResource,
  successStatus: 201,
  idempotent: true,
  errors: [409, 422],
});

export const refundOrder = defineEndpoint({
  method: "POST",
  path: "/api/v1/orders/{id}/refund",
  tag: "Orders",
  summary: "Record a refund of part or all of an order.",
  permission: "order:manage",
  write: true,
  params: IdParams,
  body: RefundBody,
  response: OrderResource,
  errors: [404, 409, 422],
});

export const cancelOrder = defineEndpoint({
  method: "POST",
  path: "/api/v1/orders/{id}/cancel",
  tag: "Orders",
  summary: "Cancel a paid order that has no refunds.",
  permission: "order:manage",
  write: true,
  params: IdParams,
  response: OrderResource,
  errors: [404, 409],
});

export const listSegments = defineEndpoint({
  method: "GET",
  path: "/api/v1/segments",
  tag: "Segments",
  summary: "Every live segment with its size and total CLV.",
  // Like the Segments page: managers and admins.
  permission: "segment:read",
  write: false,
  response: z.object({ data: z.array(SegmentResource) }),
  errors: [],
});

export const listSegmentMembers = defineEndpoint({
  method: "GET",
  path: "/api/v1/segments/{key}/members",
  tag: "Segments",
  summary: "The members of a segment (by key, e.g. vip, at_risk_vip, rfm:champions), most valuable first, with a cursor.",
  permission: "segment:read",
  write: false,
  params: SegmentKeyParams,
  query: pageQuery(AmountIdCursor),
  response: page(SegmentMemberResource),
  errors: [404, 422],
});

export const exportCustomer = defineEndpoint({
  method: "GET",
  path: "/api/v1/customers/{id}/export",
  tag: "Privacy",
  summary: "Everything held about one customer (profile, orders, notes, tasks, value, segment history, change log): a person's right of access.",
  permission: "customer:privacy",
  write: false,
  params: IdParams,
  response: z.record(z.string(), z.unknown()),
  errors: [404],
});

export const eraseCustomer = defineEndpoint({
  method: "POST",
  path: "/api/v1/customers/{id}/erase",
  tag: "Privacy",
  summary: "Erase a person's data: the customer is anonymised, their orders stay as anonymous revenue, and their external id is refused later instead of silently recreated.",
  permission: "customer:privacy",
  write: true,
  params: IdParams,
  response: z.object({ customerId: z.uuid(), erased: z.literal(true) }),
  errors: [404, 409],
});

export const listDuplicates = defineEndpoint({
  method: "GET",
  path: "/api/v1/duplicates",
  tag: "Duplicates",
  summary: "Pairs of live customers who are likely the same person (the same email ignoring letter case and a +tag, or the same name ignoring case and accents with the same phone digits), most valuable pair first, with a cursor.",
  permission: "customer:merge",
  write: false,
  query: pageQuery(AmountIdIdCursor),
  response: page(DuplicatePairResource),
  errors: [422],
});

export const mergeCustomer = defineEndpoint({
  method: "POST",
  path: "/api/v1/customers/{id}/merge",
  tag: "Duplicates",
  summary: "Merge the customer `otherId` into this one: its orders, notes, tasks and segment history move here, its external ids lead here, and it is deleted. Each field takes the survivor's value unless `fields` picks the other's (a field the survivor lacks comes from the other); tags are united and custom attributes merged unless chosen otherwise.",
  permission: "customer:merge",
  write: true,
  params: IdParams,
  body: MergeBodySchema,
  response: MergeResultResource,
  errors: [404, 409, 422],
});

/** Endpoints that other modules add (merge, pricing) register here too. */
export const ENDPOINTS = [exportCustomer, eraseCustomer, listCustomers, createCustomer, getCustomer, updateCustomer, listCustomerOrders, getCustomerMetrics, getCustomerPricing, createOrder, refundOrder, cancelOrder, listSegments, listSegmentMembers, listDuplicates, mergeCustomer];
