// The audit row for an admin action's answer. The log holds one row per thing that happened (or was refused):
// an answer that changed nothing — a double click, a second admin a moment late, "already so" — leaves no row,
// so six clicks on Refund read as one refund, not six.
import { writeAudit, type Actor, type AuditInput } from "@/lib/audit";
import type { Db, Tx } from "@/lib/db";

export async function auditAnswer(db: Db | Tx, actor: Actor, entry: AuditInput): Promise<void> {
  if (entry.outcome === "no_change") return;
  await writeAudit(db, actor, entry);
}
