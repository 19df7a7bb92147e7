// Pages answer 404 to anyone not an admin (the area does not exist for them); JSON APIs answer 403.
import { notFound } from "next/navigation";
import { currentUser, requireAdmin, type AuthUser } from "@/lib/auth";
import { clientIpFrom, requestMeta } from "@/lib/http/client-ip";
import { actionWith } from "@/lib/auth/action";
import type { Actor } from "@/lib/audit";

export type { Actor };

export async function requireAdminPage(path = "/admin"): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) notFound();
  return requireAdmin(path);
}

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

export const adminAction = actionWith<Actor>(async () => {
  const user = await currentUser();
  if (!user?.isAdmin) return { error: "Admins only. Please sign in again." };
  return { context: { id: user.id, email: user.email, ...(await requestMeta()) } };
});
