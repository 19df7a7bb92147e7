// Runs before every route but static files. Three jobs:
// 1. Security headers (lib/http/security-headers.ts): a nonce-based CSP on the dynamic pages that show
//    secrets — Next reads the nonce from the request's CSP header and puts it on its scripts — and the
//    static-page policy elsewhere, plus referrer policy (none where a token is in the URL). The headers
//    that never vary come from next.config.mjs.
// 2. A friendly redirect: signed-out visits to /account go to /sign-in?next=… (/admin is not redirected: to
//    anyone but an admin it answers 404, as if it did not exist). The real check happens again in every page,
//    action and handler (lib/auth). With Clerk keys set, clerkMiddleware() runs on the routes that read who is
//    signed in (Clerk's auth() needs it), and the policy lets Clerk's hosts in; without keys no Clerk code runs.
// 3. A request id (x-request-id) on the request, for handlers' logs and JSON errors, and on the response.
// 4. Languages (next-intl) on the customer pages: /x is rewritten to the English page /en/x, or — on a first
//    visit whose Accept-Language or NEXT_LOCALE cookie asks for German or Spanish — redirected to /de/x or
//    /es/x. The rules above match the path without its locale prefix (/de/account is /account).
import { clerkMiddleware } from "@clerk/nextjs/server";
import createIntlMiddleware from "next-intl/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { isCrossSitePagePost } from "@/lib/http/origin";
import {
  clerkFrontendApi,
  contentSecurityPolicy,
  newNonce,
  referrerPolicy,
  usesNonce,
} from "@/lib/http/security-headers";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/observability/context";
import { isLocalizedPath, splitLocalePath } from "@/lib/i18n/locales";
import { routing } from "@/lib/i18n/routing";

const PROTECTED = /^\/account(\/|$)/;
const AUTH_AWARE =
  /^\/(account|admin|partner|sign-in|sign-up|orders|checkout|api\/auth|api\/checkout|api\/orders)(\/|$)/;

const intl = createIntlMiddleware(routing);

/** The sign-in page in the visitor's language, coming back to the page they asked for. */
function signInRedirect(request: NextRequest): NextResponse {
  const url = new URL(`${splitLocalePath(request.nextUrl.pathname).prefix}/sign-in`, request.url);
  url.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

function secure(response: Response, pathname: string, csp: string, requestId: string): Response {
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("content-security-policy", csp);
  response.headers.set("referrer-policy", referrerPolicy(pathname));
  return response;
}

/** A path whose percent-encoding does not decode (`/api/orders/ord_%FF/status`) makes Next's router throw. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Next treats every multipart POST to a page as a possible Server Action (a no-JavaScript form) and parses the
 * body before it knows; a body that is not well-formed multipart makes it throw, and it answers 500. Such a
 * request is no Server Action of ours: refuse it with 400 here. Route handlers read their own bodies.
 */
async function malformedActionBody(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return false;
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

function refuse(status: number, code: string, message: string, appUrl: string, requestId: string): Response {
  return secure(
    Response.json({ error: { code, message, requestId } }, { status, headers: { "cache-control": "no-store" } }),
    "/api/",
    contentSecurityPolicy("/api/", { dev: false, appUrl, checkoutOrigin: "" }),
    requestId,
  );
}

/**
 * On to the route, with the request id and — on nonce pages — the policy on the request too: Next puts the nonce
 * on its own scripts from there, and so does Clerk on its script tags. Customer pages go through next-intl,
 * which passes these request headers on with its rewrite.
 */
function forward(request: NextRequest, requestId: string, nonceCsp: string | null): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  if (nonceCsp) headers.set("content-security-policy", nonceCsp);
  if (!isLocalizedPath(request.nextUrl.pathname)) return NextResponse.next({ request: { headers } });
  // next-intl decides the language: a redirect (a first visit whose Accept-Language asks for German, or /en/x,
  // which is /x) goes out as it is. Otherwise the page is served where it is; next.config.mjs rewrites /x to
  // /en/x. (A rewrite from here would name the host "localhost", and a server bound to 127.0.0.1 would proxy
  // it to itself as an outside URL.)
  const decided = intl(request);
  if (decided.headers.has("location")) return decided;
  headers.set("x-next-intl-locale", splitLocalePath(request.nextUrl.pathname).locale);
  const res = NextResponse.next({ request: { headers } });
  for (const cookie of decided.cookies.getAll()) res.cookies.set(cookie);
  return res;
}

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const e = env();
  const { pathname } = request.nextUrl;
  const unprefixed = splitLocalePath(pathname).path;
  if (!decodable(pathname)) return refuse(404, "not_found", "Not found", e.appUrl, requestId);
  // Next aborts a Server Action from another origin with a 500; it is a refusal, so say so.
  if (!pathname.startsWith("/api/") && isCrossSitePagePost(request, e.appUrl))
    return refuse(403, "cross_origin", "Cross-origin requests are refused.", e.appUrl, requestId);
  if (await malformedActionBody(request))
    return refuse(400, "bad_request", "The request is malformed.", e.appUrl, requestId);
  const ctx = {
    dev: e.nodeEnv === "development",
    appUrl: e.appUrl,
    checkoutOrigin: e.stripe.mode === "live" ? "https://checkout.stripe.com" : new URL(e.sandboxUrl).origin,
    clerkFrontendApi: e.clerk.enabled ? clerkFrontendApi(e.clerk.publishableKey) : null,
  };
  const nonce = usesNonce(pathname) ? newNonce() : undefined;
  const csp = contentSecurityPolicy(pathname, ctx, nonce);
  const onward = () => forward(request, requestId, nonce ? csp : null);

  if (e.clerk.enabled) {
    const res = AUTH_AWARE.test(unprefixed)
      ? await clerkMiddleware(async (auth, req) => {
          if (PROTECTED.test(unprefixed) && !(await auth()).userId) return signInRedirect(req);
          return onward();
        })(request, event)
      : onward();
    return secure(res ?? onward(), pathname, csp, requestId);
  }
  if (PROTECTED.test(unprefixed) && !request.cookies.get(SESSION_COOKIE)?.value)
    return secure(signInRedirect(request), pathname, csp, requestId);
  return secure(onward(), pathname, csp, requestId);
}

export const config = {
  // Everything but build assets, icons and webhooks (those get the constant headers from next.config.mjs;
  // webhook bodies must stream to their routes' byte caps, not be copied for a proxy that has nothing to do
  // there). Cron routes pass through, so an undecodable job name is a 404 here, not a router 500. Catalogue pages pass through here for their headers only: nothing read, nothing rendered.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/webhooks).*)"],
};
