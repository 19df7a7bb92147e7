// The key is claimed by an insert, and the response stored in the transaction that creates the order, so "order
// exists" and "response remembered" commit together. A refusal releases the key for a retry.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { idempotencyKeys } from "@/lib/db/schema";
import { randomToken } from "@/lib/tokens";

const KEY_TTL_MS = 24 * 3_600_000;
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

export async function purgeIdempotencyKeys(db: Db): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
