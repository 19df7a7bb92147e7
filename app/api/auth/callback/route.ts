// /api/auth/callback — POST { token } from the sign-in confirmation page: spend the emailed link, set the
// session cookie, go to `next` (or, asked for nothing, where an admin or partner works). GET never signs in (mail scanners and link previews follow links; a login
// CSRF could tie a victim's purchases to an attacker's account): it forwards to the confirmation page, so
// links sent before this change still work.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { consumeSignInLink } from "@/lib/auth/email-link";
import { landingAfterSignIn } from "@/lib/partners/portal";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { BODY_LIMITS, BodyTooLargeError, bodyTooLarge, readBodyLimited } from "@/lib/http/body";
import { clientIpFrom } from "@/lib/http/client-ip";
import { tooManyRequests } from "@/lib/http/errors";
import { refuseCrossSite } from "@/lib/http/origin";
import { bucket, LIMITS, takeRateLimit } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

function noStore(response: NextResponse): NextResponse {
  response.headers.set("cache-control", "no-store");
  // The token is in the URL that led here; don't hand it on as a Referer.
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}

export async function GET(request: NextRequest) {
  const e = env();
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const target = new URL("/sign-in/confirm", e.appUrl);
  if (token) target.searchParams.set("token", token.slice(0, 200));
  return noStore(NextResponse.redirect(target, 303));
}

export async function POST(request: NextRequest) {
  const e = env();
  const refused = refuseCrossSite(request, e.appUrl, "form");
  if (refused) return refused;
  let raw: string;
  try {
    raw = await readBodyLimited(request, BODY_LIMITS.form);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return bodyTooLarge();
    throw err;
  }
  const ip = clientIpFrom(request.headers);
  const taken = await takeRateLimit(await getDb(), [
    { bucket: bucket("signin-confirm", "ip", ip), limit: LIMITS.signInConfirm.perIp },
  ]);
  if (!taken.ok) return tooManyRequests(taken.retryAfterSeconds);

  const token = new URLSearchParams(raw).get("token") ?? "";
  const signedIn = await consumeSignInLink(await getDb(), {
    token,
    secret: e.sessionSecret,
    ip,
    userAgent: request.headers.get("user-agent"),
  });
  // Redirect relative to APP_URL (not the Host header), so the answer never points elsewhere.
  if (!signedIn) return noStore(NextResponse.redirect(new URL("/sign-in?error=link-invalid", e.appUrl), 303));
  const landing = await landingAfterSignIn(
    await getDb(),
    { email: signedIn.email, isAdmin: e.admins.includes(signedIn.email) },
    signedIn.next,
  );
  const response = NextResponse.redirect(new URL(landing, e.appUrl), 303);
  response.cookies.set(SESSION_COOKIE, signedIn.cookie, sessionCookieOptions(e.appUrl));
  return noStore(response);
}
