// Runs before routes. Its only auth job is a friendly redirect: signed-out visits to /account or /admin go
// to /sign-in?next=…. The real check happens again in every page, action and handler (lib/auth).
// With Clerk keys set, clerkMiddleware() runs here too (Clerk's auth() needs it); without keys, no Clerk
// code runs at all and the check is just "is there a session cookie".
import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";

const PROTECTED = /^\/(account|admin)(\/|$)/;

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
  if (PROTECTED.test(request.nextUrl.pathname) && !request.cookies.get(SESSION_COOKIE)?.value) return signInRedirect(request);
  return NextResponse.next();
}

export const config = {
  // Everything but static assets and the machine-to-machine endpoints (webhooks, cron, health), which never
  // carry a customer session and must not pay for this on every delivery.
  matcher: ["/((?!_next/|api/webhooks/|api/cron/|api/health|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|woff2?|txt)$).*)"],
};
