// Same-origin checks for everything a signed-in browser can be tricked into sending: a page on another site
// can submit a form to us or fetch with our cookies, and SameSite=Lax stops neither a sibling subdomain, another
// port, nor a top-level POST that carries a *new* login. Browsers send Origin on every POST — as "null" from a
// page with Referrer-Policy: no-referrer (our sign-in link page) — and Sec-Fetch-Site, which no page script can
// forge, backs it up. Neither usable (a script, not a browser): refused.
//
// Not for the bearer-key reseller API (/api/v1) or the signed provider webhooks: no cookie authenticates them,
// so a cross-site page gains nothing by sending them (it does not have the key or the signing secret).
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

/**
 * The one guard of every cookie-authenticated route handler that changes state: null to go on, or the answer.
 * `json` routes also insist on `application/json`: a cross-site form can only send form and text types, and a
 * script's JSON needs a CORS preflight we never grant — so a request that got past a lax Origin still fails.
 */
export function refuseCrossSite(request: Request, appUrl: string, body: "json" | "form"): Response | null {
  if (!isSameOrigin(request, appUrl)) return jsonError(403, "cross_origin", "Cross-origin requests are refused.");
  if (body === "json" && !isJson(request))
    return jsonError(415, "unsupported_media_type", "Send the body as application/json.");
  return null;
}

/**
 * A POST to a page (a Server Action, or what Next takes for one) from another site. Next aborts those itself,
 * but with a 500; proxy.ts answers 403 instead. A request with neither Origin nor Sec-Fetch-Site is a script's
 * and is left to Next, which lets it through as it carries no victim's cookies.
 */
export function isCrossSitePagePost(request: Request, appUrl: string): boolean {
  if (request.method !== "POST") return false;
  if (!request.headers.get("origin") && !request.headers.get("sec-fetch-site")) return false;
  return !isSameOrigin(request, appUrl);
}
