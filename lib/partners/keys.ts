// Only the SHA-256 is stored: a lookup by hash of a random secret leaks nothing by timing. Rotation keeps the
// old key working for ROTATION_OVERLAP_MS.
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { apiKeys, partners, type ApiKey, type ApiScope, type Partner } from "@/lib/db/schema";
import { randomBase32, sha256Hex } from "@/lib/tokens";

const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const LAST_USED_GRANULARITY_MS = 60_000;

const KEY_SHAPE = /^tern_[0-9a-z]{32}$/;
interface IssuedKey {
  key: ApiKey;
  secret: string;
}

export async function createApiKey(
  db: Db,
  partnerId: string,
  input: { name: string; scopes: ApiScope[] },
): Promise<IssuedKey> {
  const secret = `tern_${randomBase32(32)}`;
  const [key] = await db
    .insert(apiKeys)
    .values({
      id: `key_${randomBase32(16)}`,
      partnerId,
      name: input.name,
      prefix: secret.slice(0, 13),
      hash: sha256Hex(secret),
      scopes: [...new Set(input.scopes)],
    })
    .returning();
  return { key: key!, secret };
}

export async function rotateApiKey(
  db: Db,
  partnerId: string,
  keyId: string,
  now = new Date(),
): Promise<IssuedKey | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .update(apiKeys)
      .set({
        expiresAt: sql`least(coalesce(${apiKeys.expiresAt}, 'infinity'::timestamptz), ${new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString()}::timestamptz)`,
      })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!old) return null;
    return createApiKey(tx as unknown as Db, partnerId, { name: old.name, scopes: old.scopes });
  });
}

export async function revokeApiKey(db: Db, partnerId: string, keyId: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function listApiKeys(db: Db, partnerId: string): Promise<ApiKey[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.partnerId, partnerId)).orderBy(desc(apiKeys.createdAt));
}

type KeyCheck =
  { ok: true; key: ApiKey; partner: Partner } | { ok: false; reason: "unauthorized" | "partner_suspended" };

export async function resolveApiKey(db: Db, secret: string, now = new Date()): Promise<KeyCheck> {
  if (!KEY_SHAPE.test(secret)) return { ok: false, reason: "unauthorized" };
  const [row] = await db
    .select({ key: apiKeys, partner: partners })
    .from(apiKeys)
    .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
    .where(
      and(
        eq(apiKeys.hash, sha256Hex(secret)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    );
  if (!row) return { ok: false, reason: "unauthorized" };
  if (row.partner.status !== "approved") return { ok: false, reason: "partner_suspended" };
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_GRANULARITY_MS))),
        ),
      );
  }
  return { ok: true, key: row.key, partner: row.partner };
}
