// The audit log of who did what — admins and resellers alike: append-only by construction — this module only
// inserts and reads, nothing updates or deletes its rows. Written in the same transaction as the change it
// records where there is one.
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { auditLog, type AuditEntry } from "@/lib/db/schema";

/** Who is acting, and from where: what the audit log records. */
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

/** Records what happened. A click that changed nothing (a double click, already done by someone) is not an event. */
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

/** Newest first; `before` is the id of the last row of the previous page. */
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
