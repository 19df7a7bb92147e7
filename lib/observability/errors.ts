// Error codes integrators rely on: add one here before using it.
import { randomUUID } from "node:crypto";
import { currentRequestId, REQUEST_ID_HEADER } from "./context";

export const ERROR_CODES = {
  bad_request: "The request is malformed.",
  invalid_json: "The body is not valid JSON.",
  validation_failed: "A field is missing or has the wrong type.",
  payload_too_large: "The body is larger than this route accepts.",
  unsupported_media_type: "This content type is not accepted here.",
  method_not_allowed: "This method is not allowed on this route.",
  unauthorized: "Credentials are missing or wrong.",
  forbidden: "You may not do this.",
  not_found: "Nothing here.",
  conflict: "The resource is in a state that does not allow this.",
  rate_limited: "Too many requests; retry after the time in Retry-After.",
  invalid_signature: "The webhook signature does not verify.",
  bundle_unavailable: "This bundle cannot be bought right now.",
  provider_unavailable: "The provider is not answering; try again shortly.",
  not_ready: "The service is not ready.",
  internal: "Something went wrong on our side.",
} as const;

type ErrorCode = keyof typeof ERROR_CODES;

interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}

async function requestIdOfThisRequest(): Promise<string> {
  const fromContext = currentRequestId();
  if (fromContext) return fromContext;
  try {
    const { headers } = await import("next/headers");
    const id = (await headers()).get(REQUEST_ID_HEADER);
    if (id) return id;
  } catch {
    // outside a request (tests, scripts)
  }
  return randomUUID();
}

export async function jsonError(
  code: ErrorCode,
  status: number,
  message: string = ERROR_CODES[code],
  init: { headers?: Record<string, string> } = {},
): Promise<Response> {
  const requestId = await requestIdOfThisRequest();
  const body: ErrorBody = { error: { code, message, requestId } };
  return Response.json(body, {
    status,
    headers: { "cache-control": "no-store", [REQUEST_ID_HEADER]: requestId, ...init.headers },
  });
}
