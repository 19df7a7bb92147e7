// GET /api/auth/landing?next=… — where a sign-in that happened elsewhere (Clerk's widget) lands: the page it was
// asked from, or where the person works when nobody asked (an admin's dashboard, a partner user's portal). The
// email-link callback decides the same way itself.
import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/auth/next-path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { landingAfterSignIn } from "@/lib/partners/portal";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const e = env();
  const next = safeNextPath(request.nextUrl.searchParams.get("next"));
  const user = await currentUser();
  // Not signed in (yet): the asked-for page decides, and asks for a sign-in if it needs one — never a loop here.
  const landing = user ? await landingAfterSignIn(await getDb(), user, next) : next;
  const response = NextResponse.redirect(new URL(landing, e.appUrl), 303);
  response.headers.set("cache-control", "private, no-store");
  return response;
}
