// A row per link rather than a signed one: a leaked link must be revocable one by one, and a new link never
// breaks an old one.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { orderLinks, orders, type Order } from "@/lib/db/schema";
import { hashAccessToken, accessTokenMatches, newAccessToken, isOrderId } from "./ids";

/** Longer than any plan's validity, so a traveller never loses the link mid-trip. */
export const ORDER_LINK_TTL_DAYS = 400;

const DAY_MS = 86_400_000;

export type OrderLinkState = "valid" | "expired" | "revoked";

export function linkExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + ORDER_LINK_TTL_DAYS * DAY_MS);
}

export function linkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): OrderLinkState {
  if (link.revokedAt && link.revokedAt.getTime() <= now.getTime()) return "revoked";
  return link.expiresAt.getTime() > now.getTime() ? "valid" : "expired";
}

export async function tokenState(
  db: Db,
  order: Pick<Order, "id" | "accessTokenHash" | "createdAt">,
  token: string,
  now = new Date(),
): Promise<OrderLinkState | null> {
  if (accessTokenMatches(token, order.accessTokenHash))
    return linkState({ expiresAt: linkExpiry(order.createdAt), revokedAt: null }, now);
  const [row] = await db
    .select()
    .from(orderLinks)
    .where(and(eq(orderLinks.tokenHash, hashAccessToken(token)), eq(orderLinks.orderId, order.id)));
  return row ? linkState(row, now) : null;
}

export async function issueOrderLink(
  db: Db,
  orderId: string,
  reason: "resend" | "reissue",
  now = new Date(),
): Promise<string> {
  const token = newAccessToken();
  await db
    .insert(orderLinks)
    .values({ tokenHash: hashAccessToken(token), orderId, reason, createdAt: now, expiresAt: linkExpiry(now) });
  return token;
}

export async function revokeOrderLinks(
  db: Db,
  which: { orderIds: string[] } | { customerId: string },
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: orders.id, accessTokenHash: orders.accessTokenHash, createdAt: orders.createdAt })
      .from(orders)
      .where("customerId" in which ? eq(orders.customerId, which.customerId) : inArray(orders.id, which.orderIds))
      .for("update");
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    // The first link's hash moves here as revoked, so the page can still say "revoked".
    await tx
      .insert(orderLinks)
      .values(
        rows.map((r) => ({
          tokenHash: r.accessTokenHash,
          orderId: r.id,
          reason: "checkout",
          createdAt: r.createdAt,
          expiresAt: linkExpiry(r.createdAt),
          revokedAt: now,
        })),
      )
      .onConflictDoNothing();
    for (const r of rows)
      await tx
        .update(orders)
        .set({ accessTokenHash: hashAccessToken(newAccessToken()), accessTokenSealed: null })
        .where(eq(orders.id, r.id));
    await tx
      .update(orderLinks)
      .set({ revokedAt: now })
      .where(and(inArray(orderLinks.orderId, ids), isNull(orderLinks.revokedAt)));
    return rows.length;
  });
}

/** Null when it never was a link to this order: the page then gives nothing away. */
export async function orderLinkProblem(
  db: Db,
  orderId: string,
  token: string,
  now = new Date(),
): Promise<"expired" | "revoked" | null> {
  if (!isOrderId(orderId)) return null;
  const [order] = await db
    .select({ id: orders.id, accessTokenHash: orders.accessTokenHash, createdAt: orders.createdAt })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return null;
  const state = await tokenState(db, order, token, now);
  return state === "expired" || state === "revoked" ? state : null;
}

export async function getOrderLinkProblem(orderId: string, token: string): Promise<"expired" | "revoked" | null> {
  return orderLinkProblem(await getDb(), orderId, token);
}
