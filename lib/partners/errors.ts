import { currentRequestId, REQUEST_ID_HEADER } from "@/lib/observability/context";

export const API_ERRORS = {
  unauthorized: { status: 401, description: "No API key, or a key that is unknown, revoked or expired." },
  insufficient_scope: { status: 403, description: "The key lacks the scope this route needs." },
  partner_suspended: { status: 403, description: "The partner account is suspended (or not approved yet)." },
  invalid_request: { status: 400, description: "The body, a parameter or a header is malformed." },
  idempotency_key_required: { status: 400, description: "POST /orders needs an Idempotency-Key header." },
  idempotency_key_reused: { status: 409, description: "The Idempotency-Key was used with a different body." },
  idempotency_request_in_progress: {
    status: 409,
    description: "The first request with this Idempotency-Key is still running; retry after Retry-After.",
  },
  reference_taken: { status: 409, description: "Another order of yours already has this reference." },
  bundle_not_found: { status: 404, description: "No bundle of that name is sold to you." },
  bundle_unavailable: { status: 409, description: "The provider no longer sells the bundle right now." },
  insufficient_balance: {
    status: 402,
    description: "The prepaid balance does not cover the order; nothing was debited.",
  },
  credit_limit_exceeded: { status: 402, description: "The order would take a postpaid account past its credit limit." },
  not_prepaid: { status: 409, description: "Top-ups are for prepaid accounts." },
  not_found: { status: 404, description: "No such resource of yours." },
  not_delivered: { status: 409, description: "The order has no eSIM yet." },
  rate_limited: { status: 429, description: "Too many requests for this key; retry after Retry-After." },
  temporarily_unavailable: { status: 503, description: "A provider or payment service is briefly unavailable." },
  internal_error: { status: 500, description: "Something failed on our side; safe to retry with the same key." },
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

function requestIdOf(request?: Request): string {
  return request?.headers.get(REQUEST_ID_HEADER) ?? currentRequestId() ?? "unknown";
}

export function apiError(
  request: Request | undefined,
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, requestId: requestIdOf(request) } },
    { status: API_ERRORS[code].status, headers: { "cache-control": "no-store", ...headers } },
  );
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}
