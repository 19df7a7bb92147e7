// A test checks this table against the route files under app/api/v1.
import type { z } from "zod";
import type { ApiScope } from "@/lib/db/schema";
import type { ApiErrorCode } from "./errors";
import * as s from "./schemas";

export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  scope: ApiScope;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  pathParams?: string[];
  idempotent?: boolean;
  body?: z.ZodType;
  response: { status: number; schema: z.ZodType; description: string };
  errors: ApiErrorCode[];
}

const AUTH_ERRORS: ApiErrorCode[] = ["unauthorized", "insufficient_scope", "partner_suspended", "rate_limited"];

export const API_ROUTES: ApiRoute[] = [
  {
    method: "GET",
    path: "/catalogue",
    scope: "catalogue:read",
    summary: "Bundles at your prices",
    query: s.catalogueQuerySchema,
    response: { status: 200, schema: s.catalogueSchema, description: "Bundles you can order." },
    errors: [...AUTH_ERRORS, "invalid_request"],
  },
  {
    method: "POST",
    path: "/orders",
    scope: "orders:write",
    summary: "Order a bundle (debits your ledger)",
    description:
      "Requires an Idempotency-Key header. The same key with the same body answers the same response again " +
      "(with `Idempotent-Replayed: true`); the same key with another body is refused with 409 " +
      "`idempotency_key_reused`; while the first request runs, a retry gets 409 " +
      "`idempotency_request_in_progress` with Retry-After. Only a created order is remembered: a refusal " +
      "(402, 409 reference_taken, …) releases the key. If a response is lost, find the order with " +
      "GET /orders?reference=.",
    idempotent: true,
    body: s.createOrderSchema,
    response: {
      status: 201,
      schema: s.orderSchema,
      description: "The order, paid from your ledger and being fulfilled.",
    },
    errors: [
      ...AUTH_ERRORS,
      "invalid_request",
      "idempotency_key_required",
      "idempotency_key_reused",
      "idempotency_request_in_progress",
      "reference_taken",
      "bundle_not_found",
      "bundle_unavailable",
      "insufficient_balance",
      "credit_limit_exceeded",
      "temporarily_unavailable",
    ],
  },
  {
    method: "GET",
    path: "/orders",
    scope: "orders:read",
    summary: "Your orders, newest first, or the one with a reference",
    query: s.orderListQuerySchema,
    response: { status: 200, schema: s.orderListSchema, description: "Orders." },
    errors: [...AUTH_ERRORS, "invalid_request"],
  },
  {
    method: "GET",
    path: "/orders/{id}",
    scope: "orders:read",
    summary: "One order",
    pathParams: ["id"],
    response: { status: 200, schema: s.orderSchema, description: "The order." },
    errors: [...AUTH_ERRORS, "not_found"],
  },
  {
    method: "GET",
    path: "/orders/{id}/install",
    scope: "orders:read",
    summary: "Install details of a delivered order (each call is logged)",
    pathParams: ["id"],
    response: { status: 200, schema: s.installSchema, description: "LPA string, SM-DP+ address, matching id." },
    errors: [...AUTH_ERRORS, "not_found", "not_delivered"],
  },
  {
    method: "GET",
    path: "/ledger",
    scope: "ledger:read",
    summary: "Balance and ledger history",
    query: s.ledgerQuerySchema,
    response: { status: 200, schema: s.ledgerSchema, description: "Balance, available amount and entries." },
    errors: [...AUTH_ERRORS, "invalid_request"],
  },
  {
    method: "POST",
    path: "/topups",
    scope: "topups:write",
    summary: "Start a prepaid top-up (a Stripe Checkout page)",
    description: "Your balance is credited once the payment succeeds.",
    body: s.createTopupSchema,
    response: { status: 201, schema: s.topupSchema, description: "Send the buyer to checkoutUrl." },
    errors: [...AUTH_ERRORS, "invalid_request", "not_prepaid", "temporarily_unavailable"],
  },
];
