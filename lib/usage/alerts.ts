// The insert under a unique (iccid, bundle reference, kind) that wins is the one that sends; a failed send
// leaves `sent_at` empty for the job to retry.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { customers, esims, orders, usageAlerts, type EsimUsage } from "@/lib/db/schema";
import { sendAccountEmail } from "@/lib/accounts/mailer";
import { localeOr } from "@/lib/i18n/locales";
import { renderUsageAlertEmail } from "./email";
import { alertsDue, type AlertKind } from "./thresholds";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";

/** Default: the current bundle only, so a first sync does not mail about a plan that ran out weeks ago. */
export async function recordDueAlerts(
  db: Db,
  usage: EsimUsage,
  references?: string[],
  now = new Date(),
): Promise<AlertKind[]> {
  const refs = references ?? (usage.bundleReference ? [usage.bundleReference] : []);
  const recorded: AlertKind[] = [];
  for (const ref of refs) {
    const b = usage.bundles.find((x) => x.reference === ref);
    if (!b) continue;
    const due = alertsDue(
      {
        initialBytes: b.initialBytes,
        remainingBytes: b.remainingBytes,
        unlimited: b.unlimited,
        endTime: b.endTime ? new Date(b.endTime) : null,
        state: b.state,
      },
      now,
    );
    if (due.length === 0) continue;
    // Used up makes the 80 % alert pointless: recorded as skipped so it can never fire later.
    const rows: (typeof usageAlerts.$inferInsert)[] = due.map((kind) => ({
      iccid: usage.iccid,
      bundleReference: ref,
      kind,
    }));
    if (due.includes("used-100"))
      rows.push({ iccid: usage.iccid, bundleReference: ref, kind: "used-80", skipped: true });
    const inserted = await db
      .insert(usageAlerts)
      .values(rows)
      .onConflictDoNothing()
      .returning({ kind: usageAlerts.kind, skipped: usageAlerts.skipped });
    for (const r of inserted) if (!r.skipped) recorded.push(r.kind as AlertKind);
  }
  return recorded;
}

export async function sendPendingAlerts(
  db: Db,
  options: { iccid?: string; limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .select({
      id: usageAlerts.id,
      iccid: usageAlerts.iccid,
      kind: usageAlerts.kind,
      customerEmail: customers.email,
      orderEmail: orders.email,
      snapshot: orders.bundleSnapshot,
      locale: orders.locale,
    })
    .from(usageAlerts)
    .innerJoin(esims, eq(esims.iccid, usageAlerts.iccid))
    .innerJoin(orders, eq(orders.id, esims.orderId))
    .leftJoin(customers, eq(customers.id, esims.customerId))
    .where(
      and(
        isNull(usageAlerts.sentAt),
        eq(usageAlerts.skipped, false),
        options.iccid ? eq(usageAlerts.iccid, options.iccid) : undefined,
      ),
    )
    .orderBy(asc(usageAlerts.id))
    .limit(options.limit ?? 50);

  const appUrl = env().appUrl;
  let sent = 0;
  let failed = 0;
  for (const alert of pending) {
    const to = alert.customerEmail ?? alert.orderEmail;
    if (!to) continue;
    try {
      const email = renderUsageAlertEmail({
        kind: alert.kind as AlertKind,
        bundleTitle: bundleTitleIn(alert.snapshot, localeOr(alert.locale)),
        iccid: alert.iccid,
        topUpUrl: `${appUrl}/account/esims/${encodeURIComponent(alert.iccid)}#top-up`,
        accountUrl: `${appUrl}/account`,
        locale: localeOr(alert.locale),
      });
      const { id } = await sendAccountEmail(
        { ...email, to, tags: { category: `usage_${alert.kind}` } },
        `usage-alert/${alert.id}`,
      );
      await db
        .update(usageAlerts)
        .set({ sentAt: sql`now()`, emailId: id, lastError: null })
        .where(and(eq(usageAlerts.id, alert.id), isNull(usageAlerts.sentAt)));
      sent++;
    } catch (err) {
      failed++;
      await db
        .update(usageAlerts)
        .set({ lastError: (err as Error).message.slice(0, 500) })
        .where(eq(usageAlerts.id, alert.id));
    }
  }
  return { sent, failed };
}
