// Runs before routes. Its only auth job is a friendly redirect: signed-out visits to /account go to
// /sign-in?next=…. /admin is not redirected: to anyone but an admin it answers 404, as if it did not exist.
// The real check happens again in every page, action and handler (lib/auth).
// With Clerk keys set, clerkMiddleware() runs here too (Clerk's auth() needs it); without keys, no Clerk
// code runs at all and the check is just "is there a session cookie".
import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";

const PROTECTED = /^\/account(\/|$)/;

function signInRedirect(request: NextRequest): NextResponse {
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

let clerk: NextMiddleware | undefined;

function withClerk(): NextMiddleware {
  clerk ??= clerkMiddleware(async (auth, request) => {
    if (!PROTECTED.test(request.nextUrl.pathname)) return;
    const { userId } = await auth();
    if (!userId) return signInRedirect(request);
  });
  return clerk;
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (env().clerk.enabled) return withClerk()(request, event);
  if (PROTECTED.test(request.nextUrl.pathname) && !request.cookies.get(SESSION_COOKIE)?.value)
    return signInRedirect(request);
  return NextResponse.next();
}

export const config = {
  // Only the routes that read who is signed in (and so need Clerk's middleware when Clerk is on). Catalogue
  // pages never do — their header learns it in the browser — so they don't pay for a proxy hop per request.
  matcher: [
    "/account/:path*",
    "/admin/:path*",
    "/sign-in/:path*",
    "/sign-up/:path*",
    "/orders/:path*",
    "/checkout/:path*",
    "/api/auth/:path*",
    "/api/checkout",
    "/api/orders/:path*",
  ],
};
