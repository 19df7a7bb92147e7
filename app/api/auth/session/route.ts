// GET /api/auth/session — who is signed in, for the header's account menu. Lets catalogue pages stay static
// (the header asks from the browser instead of the page reading cookies on the server).
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { partnerOfUser } from "@/lib/partners/accounts";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await currentUser();
  // Where this person works, for the header's link: the admin area or their partner portal.
  const workspace = !user
    ? null
    : user.isAdmin
      ? { href: "/admin", label: "Admin" }
      : (await partnerOfUser(await getDb(), user.email))
        ? { href: "/partner", label: "Partner portal" }
        : null;
  const body = user ? { signedIn: true, email: user.email, isAdmin: user.isAdmin, workspace } : { signedIn: false };
  return Response.json(body, {
    headers: { "cache-control": "private, no-store" },
  });
}
