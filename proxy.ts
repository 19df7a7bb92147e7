// Runs before routes. Its only auth job is a friendly redirect: signed-out visits to /account or /admin go
// to /sign-in?next=…. The real check happens again in every page, action and handler (lib/auth).
// With Clerk keys set, clerkMiddleware() runs here too (Clerk's auth() needs it); without keys, no Clerk
// code runs at all and the check is just "is there a session cookie".
import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/observability/context";

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

// Paths that read who is signed in (and so need Clerk's middleware when Clerk is on). Catalogue pages never
// do — their header learns it in the browser — so they only get the request id.
const READS_USER = /^\/(account|admin|sign-in|sign-up|orders|checkout|api\/auth|api\/checkout|api\/orders)(\/|$)/;

async function route(request: NextRequest, event: NextFetchEvent, requestId: string): Promise<Response> {
  const readsUser = READS_USER.test(request.nextUrl.pathname);
  if (readsUser && env().clerk.enabled) return (await withClerk()(request, event)) ?? NextResponse.next();
  if (PROTECTED.test(request.nextUrl.pathname) && !request.cookies.get(SESSION_COOKIE)?.value)
    return signInRedirect(request);
  // Handlers read the id from the request (jsonError, logs); the response carries the same one.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  return NextResponse.next({ request: { headers } });
}

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const response = await route(request, event, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Every request gets an x-request-id; only static build assets skip the hop.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
