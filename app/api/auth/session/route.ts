// GET /api/auth/session — who is signed in, for the header's account menu. Lets catalogue pages stay static
// (the header asks from the browser instead of the page reading cookies on the server).
import { currentUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await currentUser();
  return Response.json(user ? { signedIn: true, email: user.email, isAdmin: user.isAdmin } : { signedIn: false }, {
    headers: { "cache-control": "private, no-store" },
  });
}
