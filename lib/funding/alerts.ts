// Recorded first (an admin page lists the row), then emailed once.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { fundingAlerts, type FundingAlert } from "@/lib/db/schema";
import { sendAdminAlert } from "@/lib/delivery/email";
import { log } from "@/lib/observability/logger";

export type AlertKind = "low_balance" | "authorization_declined" | "topup_failed";

interface NewAlert {
  kind: AlertKind;
  provider?: string | null;
  amountMinor?: number | null;
  currency?: string | null;
  message: string;
  detail?: Record<string, unknown>;
}

export async function recordAlert(db: Db, alert: NewAlert): Promise<FundingAlert | null> {
  const [row] = await db
    .insert(fundingAlerts)
    .values({ ...alert, provider: alert.provider ?? null })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function raiseAlert(db: Db, alert: NewAlert): Promise<FundingAlert | null> {
  const row = await recordAlert(db, alert);
  if (row) await sendAlert(db, row);
  return row;
}

/** A failure leaves `sent_at` empty for a later retry. */
export async function sendAlert(db: Db, row: FundingAlert): Promise<void> {
  try {
    const subject = `[Tern] ${row.kind.replace(/_/g, " ")}${row.provider ? ` (${row.provider})` : ""}`;
    const sent = await sendAdminAlert({ subject, text: row.message }, `funding-alert/${row.id}`);
    if (sent)
      await db
        .update(fundingAlerts)
        .set({ sentAt: sql`now()` })
        .where(eq(fundingAlerts.id, row.id));
  } catch (err) {
    log.error({ err }, `alert ${row.id} could not be emailed`);
  }
}

export async function resolveFundingAlerts(db: Db, provider: string): Promise<void> {
  await db
    .update(fundingAlerts)
    .set({ resolvedAt: sql`now()` })
    .where(
      and(
        inArray(fundingAlerts.kind, ["low_balance", "topup_failed"]),
        eq(fundingAlerts.provider, provider),
        isNull(fundingAlerts.resolvedAt),
      ),
    );
}
