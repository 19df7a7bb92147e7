import { and, desc, gte, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { providerPurchases } from "@/lib/db/schema";
import { attentionQueue } from "../attention-queue";
import { listFailedTopups } from "../wallet-topup-views";
import type { Window } from "./sources";

export async function listFailedPurchases(db: Db, w: Window) {
  const rows = await db
    .select()
    .from(providerPurchases)
    .where(and(inArray(providerPurchases.status, ["failed", "unknown"]), gte(providerPurchases.startedAt, w.from)))
    .orderBy(desc(providerPurchases.startedAt))
    .limit(500);
  return rows
    .filter((r) => r.startedAt <= w.to)
    .map((r) => ({
      orderId: r.orderId,
      provider: r.provider,
      attempt: r.attempt,
      status: r.status,
      reference: r.providerReference,
      error: r.error,
      startedAt: r.startedAt.toISOString(),
    }));
}

export async function listStuck(db: Db) {
  return (await attentionQueue(db)).filter((i) => i.reason === "stuck_paid" || i.reason === "stuck_provisioning");
}

export async function listFailedTopupsJson(db: Db, w: Window) {
  return (await listFailedTopups(db, w)).map((t) => ({
    ...t,
    createdAt: t.createdAt.toISOString(),
    finishedAt: t.finishedAt?.toISOString() ?? null,
  }));
}
