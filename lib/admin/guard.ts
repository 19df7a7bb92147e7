// Access to the admin area. Pages answer 404 to anyone who is not an admin (signed out or a customer: the
// area does not exist for them); JSON APIs answer 403. Both resolve the admin through lib/auth.
import { notFound } from "next/navigation";
import { currentUser, requireAdmin, type AuthUser } from "@/lib/auth";
import { clientIpFrom, requestMeta } from "@/lib/auth/request";
import { actionWith } from "@/lib/auth/action";
import type { Actor } from "@/lib/audit";

export type { Actor };

/** For admin pages: the admin, or a 404 (never a redirect that would tell a stranger the page exists). */
export async function requireAdminPage(path = "/admin"): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) notFound();
  return requireAdmin(path);
}

/** For admin route handlers: the acting admin, or a 403 response to return as is. */
export async function requireAdminApi(request: Request): Promise<{ actor: Actor } | { response: Response }> {
  const user = await currentUser();
  if (!user?.isAdmin)
    return { response: Response.json({ error: { code: "forbidden", message: "Admins only." } }, { status: 403 }) };
  return {
    actor: {
      id: user.id,
      email: user.email,
      ip: clientIpFrom(request.headers),
      userAgent: request.headers.get("user-agent"),
    },
  };
}

/** Server Actions of the admin area: the acting admin resolved on every call */
export const adminAction = actionWith<Actor>(async () => {
  const user = await currentUser();
  if (!user?.isAdmin) return { error: "Admins only. Please sign in again." };
  return { context: { id: user.id, email: user.email, ...(await requestMeta()) } };
});
