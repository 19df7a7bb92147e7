// POST /api/auth/sign-out — revoke the session and clear the cookie (a form post: works without JS).
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { revokeSession } from "@/lib/auth/email-link";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";

export async function POST(request: NextRequest) {
  const e = env();
  await revokeSession(await getDb(), request.cookies.get(SESSION_COOKIE)?.value, e.sessionSecret);
  const response = NextResponse.redirect(new URL("/", e.appUrl), 303);
  response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(e.appUrl, 0));
  return response;
}
