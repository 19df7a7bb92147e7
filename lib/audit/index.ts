// The audit log of admins and resellers: append-only (this module only inserts and reads), written in the
// transaction of the change it records.
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { auditLog, type AuditEntry } from "@/lib/db/schema";

export interface Actor {
  id: string | null;
  email: string;
  ip: string | null;
  userAgent: string | null;
}

export type AuditOutcome = "applied" | "no_change" | "refused";

interface AuditInput {
  action: string;
  targetType: "order" | "bundle" | "setting" | "reconcile" | "catalogue" | "partner" | "promotion";
  targetId?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** A click that changed nothing is not an event. */
export async function writeAudit(db: Db | Tx, actor: Actor, entry: AuditInput): Promise<void> {
  if (entry.outcome === "no_change") return;
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome,
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 400) ?? null,
    detail: entry.detail ?? null,
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(
  db: Db,
  filter: { targetType?: string; targetId?: string; before?: number } = {},
): Promise<AuditEntry[]> {
  const where: SQL[] = [];
  if (filter.targetType) where.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE);
}
