import type { Db } from "@/lib/db";
import { writeAudit, type AuditOutcome } from "@/lib/audit";
import type { Actor } from "./guard";

export interface ActionResult {
  outcome: AuditOutcome;
  message: string;
}

export const done = (message: string): ActionResult => ({ outcome: "applied", message });
export const noChange = (message: string): ActionResult => ({ outcome: "no_change", message });
export const refused = (message: string): ActionResult => ({ outcome: "refused", message });
/** Someone else already did it: the caller is told, and like a no-op it leaves no audit row. */
export const lost = (message: string): ActionResult & { quiet: true } => ({ outcome: "refused", message, quiet: true });

export async function audited(
  db: Db,
  actor: Actor,
  action: string,
  orderId: string,
  work: () => Promise<ActionResult & { quiet?: true }>,
  detail?: Record<string, unknown>,
): Promise<ActionResult> {
  let result: ActionResult & { quiet?: true };
  try {
    result = await work();
  } catch (err) {
    await writeAudit(db, actor, {
      action,
      targetType: "order",
      targetId: orderId,
      outcome: "refused",
      detail: { ...detail, error: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
  if (!result.quiet)
    await writeAudit(db, actor, {
      action,
      targetType: "order",
      targetId: orderId,
      outcome: result.outcome,
      detail: { ...detail, message: result.message },
    });
  return { outcome: result.outcome, message: result.message };
}
