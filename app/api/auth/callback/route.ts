// GET /api/auth/callback?token=… — spend an emailed sign-in link, set the session cookie, go to `next`.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { consumeSignInLink } from "@/lib/auth/email-link";
import { clientIpFrom } from "@/lib/auth/request";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const e = env();
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const signedIn = await consumeSignInLink(await getDb(), {
    token,
    secret: e.sessionSecret,
    ip: clientIpFrom(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  if (!signedIn) {
    // Redirect relative to APP_URL (not the Host header), so the answer never points elsewhere.
    return NextResponse.redirect(new URL("/sign-in?error=link-invalid", e.appUrl), 303);
  }
  const response = NextResponse.redirect(new URL(signedIn.next, e.appUrl), 303);
  response.cookies.set(SESSION_COOKIE, signedIn.cookie, sessionCookieOptions(e.appUrl));
  response.headers.set("cache-control", "no-store");
  // The token is in this URL; don't hand it to the next page's requests as a Referer.
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}
