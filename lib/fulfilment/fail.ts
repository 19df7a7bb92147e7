// Failing an order and queueing its refund happen in one transaction: a crash in between loses nothing.
import type { Db } from "@/lib/db";
import type { Order } from "@/lib/db/schema";
import { enqueue } from "@/lib/jobs/queue";
import { transition, type TransitionOptions } from "@/lib/orders/lifecycle";

export function failAndQueueRefund(db: Db, orderId: string, options: TransitionOptions): Promise<Order> {
  return db.transaction(async (tx) => {
    const failed = await transition(tx, orderId, "failed", options);
    await enqueue(tx, "refund", orderId);
    return failed;
  });
}
