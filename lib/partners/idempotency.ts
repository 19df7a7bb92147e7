// Idempotency-Key for POST /api/v1/orders. The key is claimed by an insert (the primary key decides between
// concurrent retries), the request's hash is kept with it, and the response is stored in the same transaction
// that creates the order — so "order exists" and "response remembered" commit together. Only a created order
// is remembered: a refusal releases the key, and the same key may be retried once the cause is fixed.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { idempotencyKeys } from "@/lib/db/schema";
import { randomToken } from "@/lib/tokens";

const KEY_TTL_MS = 24 * 3_600_000;
/** A running claim older than this belongs to a request that died (no order transaction runs this long). */
const ABANDONED_AFTER_MS = 60_000;

type Claim =
  | { kind: "claimed"; lockToken: string }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "reused" }
  | { kind: "in_progress"; retryAfterSeconds: number };

export async function claimKey(db: Db, partnerId: string, key: string, requestHash: string): Promise<Claim> {
  for (let round = 0; round < 3; round++) {
    const lockToken = randomToken(16);
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ partnerId, key, requestHash, lockToken })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return { kind: "claimed", lockToken };
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.partnerId, partnerId), eq(idempotencyKeys.key, key)));
    if (!row) continue; // released between our insert and read: try again
    if (Date.now() - row.createdAt.getTime() > KEY_TTL_MS) {
      await db
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.partnerId, partnerId),
            eq(idempotencyKeys.key, key),
            lt(idempotencyKeys.createdAt, new Date(Date.now() - KEY_TTL_MS)),
          ),
        );
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: "reused" };
    if (row.status === "done") return { kind: "replay", status: row.responseStatus ?? 200, body: row.responseBody };
    if (Date.now() - row.lockedAt.getTime() < ABANDONED_AFTER_MS) return { kind: "in_progress", retryAfterSeconds: 1 };
    // Abandoned by a request that died: take it over, unless another retry just did.
    const [taken] = await db
      .update(idempotencyKeys)
      .set({ lockedAt: sql`now()`, lockToken })
      .where(
        and(
          eq(idempotencyKeys.partnerId, partnerId),
          eq(idempotencyKeys.key, key),
          eq(idempotencyKeys.status, "running"),
          eq(idempotencyKeys.lockToken, row.lockToken),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (taken) return { kind: "claimed", lockToken };
    return { kind: "in_progress", retryAfterSeconds: 1 };
  }
  return { kind: "in_progress", retryAfterSeconds: 1 };
}

/** Stores the response with the work; false when this request no longer holds the key (it was taken over). */
export async function completeKey(
  tx: Tx,
  partnerId: string,
  key: string,
  lockToken: string,
  status: number,
  body: unknown,
): Promise<boolean> {
  const rows = await tx
    .update(idempotencyKeys)
    .set({ status: "done", responseStatus: status, responseBody: body })
    .where(
      and(
        eq(idempotencyKeys.partnerId, partnerId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, "running"),
        eq(idempotencyKeys.lockToken, lockToken),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function releaseKey(db: Db, partnerId: string, key: string, lockToken: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.partnerId, partnerId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, "running"),
        eq(idempotencyKeys.lockToken, lockToken),
      ),
    );
}

/** Removes keys past their 24 hours (for the timer / cron). */
export async function purgeIdempotencyKeys(db: Db): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
