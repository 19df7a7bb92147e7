// Written before the install details are shown, by every page and API that shows them.
import type { Db } from "@/lib/db";
import { activationViews } from "@/lib/db/schema";

export async function recordActivationView(
  db: Db,
  input: {
    iccid: string;
    viewerCustomerId: string | null;
    role: "owner" | "admin" | "order-link" | "checkout" | "partner";
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.insert(activationViews).values({
    iccid: input.iccid,
    viewerCustomerId: input.viewerCustomerId,
    viewerRole: input.role,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
}
