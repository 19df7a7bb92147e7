import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { orderDiscounts, promotions } from "@/lib/db/schema";

export async function promotionOfOrder(db: Db | Tx, orderId: string): Promise<string | null> {
  const [row] = await db
    .select({ code: promotions.code })
    .from(orderDiscounts)
    .innerJoin(promotions, eq(promotions.id, orderDiscounts.promotionId))
    .where(eq(orderDiscounts.orderId, orderId));
  return row?.code ?? null;
}
