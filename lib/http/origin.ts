// Same-origin checks for cookie-authenticated requests: SameSite=Lax does not stop a sibling subdomain, another
// port or a top-level POST carrying a new login. Origin ("null" under no-referrer) and Sec-Fetch-Site decide;
// neither present means a script, refused. Bearer-key and signed-webhook routes need none.
import { jsonError } from "./errors";

export function isSameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return origin === new URL(appUrl).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

function isJson(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  return /^application\/json\s*(;|$)/i.test(type);
}

/** `json` routes also insist on application/json: a cross-site form cannot send it without a preflight. */
export function refuseCrossSite(request: Request, appUrl: string, body: "json" | "form"): Response | null {
  if (!isSameOrigin(request, appUrl)) return jsonError(403, "cross_origin", "Cross-origin requests are refused.");
  if (body === "json" && !isJson(request))
    return jsonError(415, "unsupported_media_type", "Send the body as application/json.");
  return null;
}

/** Next aborts a cross-site Server Action with a 500; proxy.ts answers 403 instead. */
export function isCrossSitePagePost(request: Request, appUrl: string): boolean {
  if (request.method !== "POST") return false;
  if (!request.headers.get("origin") && !request.headers.get("sec-fetch-site")) return false;
  return !isSameOrigin(request, appUrl);
}
