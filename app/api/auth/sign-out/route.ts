// POST /api/auth/sign-out — revoke the session and clear the cookie (a form post: works without JS). Only
// from our own pages: another site must not be able to sign a customer out.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { revokeSession } from "@/lib/auth/email-link";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";

import { refuseCrossSite } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  const e = env();
  const refused = refuseCrossSite(request, e.appUrl, "form");
  if (refused) return refused;
  await revokeSession(await getDb(), request.cookies.get(SESSION_COOKIE)?.value, e.sessionSecret);
  const response = NextResponse.redirect(new URL("/", e.appUrl), 303);
  response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(e.appUrl, 0));
  response.headers.set("cache-control", "no-store");
  return response;
}
