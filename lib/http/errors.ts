export function jsonError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

export const notFound = () => jsonError(404, "not_found", "Not found");

export function tooManyRequests(retryAfterSeconds: number): Response {
  return jsonError(429, "rate_limited", "Too many requests. Please wait a moment and try again.", {
    "retry-after": String(retryAfterSeconds),
  });
}
