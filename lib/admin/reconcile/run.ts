// The scheduled run mails the admins only when a finding appears that it has not reported before.
import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { reconcileFindings } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { sendEmail } from "@/lib/delivery/email";
import { renderAdminAlert } from "@/lib/delivery/templates/admin-alert";
import { formatMoney } from "@/lib/format";
import { findMismatches } from "./compare";
import type { CompareOptions, ReconcileFacts } from "./facts";
import { kindLabel, totalsByKind, type KindTotal, type Mismatch } from "./kinds";
import { gatherFacts, type Window } from "./sources";
import { log } from "@/lib/observability/logger";

export interface ReconcileReport {
  window: { from: string; to: string };
  mismatches: Mismatch[];
  totals: KindTotal[];
  acknowledged: number;
}

export async function reconcile(
  db: Db,
  w: Window,
  options: Partial<CompareOptions> & { facts?: ReconcileFacts } = {},
): Promise<ReconcileReport> {
  const facts = options.facts ?? (await gatherFacts(db, w));
  const all = findMismatches(facts, { now: new Date(), ...options });
  const acked = all.length
    ? await db
        .select({ key: reconcileFindings.key })
        .from(reconcileFindings)
        .where(
          and(
            inArray(
              reconcileFindings.key,
              all.map((m) => m.key),
            ),
            eq(reconcileFindings.resolution, "acknowledged"),
          ),
        )
    : [];
  const hidden = new Set(acked.map((a) => a.key));
  const mismatches = all.filter((m) => !hidden.has(m.key));
  return {
    window: { from: w.from.toISOString(), to: w.to.toISOString() },
    mismatches,
    totals: totalsByKind(mismatches),
    acknowledged: hidden.size,
  };
}

async function rememberFindings(db: Db, mismatches: readonly Mismatch[]): Promise<Mismatch[]> {
  if (mismatches.length === 0) return [];
  const fresh: Mismatch[] = [];
  for (const m of mismatches) {
    // xmax = 0 tells a fresh insert from an update.
    const [row] = await db
      .insert(reconcileFindings)
      .values({ key: m.key, kind: m.kind, orderId: m.orderId, amountMinor: m.amountMinor, currency: m.currency })
      .onConflictDoUpdate({
        target: reconcileFindings.key,
        set: {
          lastSeenAt: sql`now()`,
          notifiedAt: sql`case when ${reconcileFindings.resolvedAt} is not null then null else ${reconcileFindings.notifiedAt} end`,
          resolvedAt: null,
          resolvedBy: null,
          resolution: null,
        },
        setWhere: sql`${reconcileFindings.resolution} is distinct from 'acknowledged'`,
      })
      .returning({ notifiedAt: reconcileFindings.notifiedAt });
    if (row && !row.notifiedAt) fresh.push(m);
  }
  return fresh;
}

export async function resolveFinding(
  db: Db,
  m: Pick<Mismatch, "key" | "kind" | "orderId" | "amountMinor" | "currency">,
  by: string,
  resolution: string,
): Promise<boolean> {
  const rows = await db
    .insert(reconcileFindings)
    .values({ ...m, resolvedAt: new Date(), resolvedBy: by, resolution })
    .onConflictDoUpdate({
      target: reconcileFindings.key,
      set: { resolvedAt: sql`now()`, resolvedBy: by, resolution },
      setWhere: isNull(reconcileFindings.resolvedAt),
    })
    .returning({ key: reconcileFindings.key });
  return rows.length > 0;
}

/** Of two admins acknowledging at once (or a double click), one gets true. */
export async function acknowledgeFinding(
  db: Db,
  m: Pick<Mismatch, "key" | "kind" | "orderId" | "amountMinor" | "currency">,
  by: string,
): Promise<boolean> {
  const rows = await db
    .insert(reconcileFindings)
    .values({ ...m, resolvedAt: new Date(), resolvedBy: by, resolution: "acknowledged" })
    .onConflictDoUpdate({
      target: reconcileFindings.key,
      set: { resolvedAt: sql`now()`, resolvedBy: by, resolution: "acknowledged" },
      setWhere: sql`${reconcileFindings.resolution} is distinct from 'acknowledged'`,
    })
    .returning({ key: reconcileFindings.key });
  return rows.length > 0;
}

export function recentWindow(days: number, now = new Date()): Window {
  return { from: new Date(now.getTime() - days * 86_400_000), to: now };
}

interface ScheduledResult {
  mismatches: number;
  fresh: number;
  emailed: boolean;
}

export async function scheduledReconcile(db?: Db, now = new Date()): Promise<ScheduledResult> {
  const database = db ?? (await getDb());
  const report = await reconcile(database, recentWindow(3, now), { now });
  const fresh = await rememberFindings(database, report.mismatches);
  const to = env().admins;
  if (fresh.length === 0 || to.length === 0)
    return { mismatches: report.mismatches.length, fresh: fresh.length, emailed: false };
  const lines = fresh.map(
    (m) => `- ${kindLabel(m.kind)}: ${m.summary} (${formatMoney(m.amountMinor, m.currency)}; repair: ${m.repair})`,
  );
  const subject = `[Tern] Reconcile: ${fresh.length} new mismatch${fresh.length === 1 ? "" : "es"}`;
  const text = [
    `${fresh.length} new of ${report.mismatches.length} open mismatches between Stripe, our orders, our wallet top-ups and the providers:`,
    ...lines,
    `Review and repair: ${env().appUrl}/admin/reconcile`,
  ].join("\n");
  const keys = fresh.map((m) => m.key);
  // Keyed by the set of new findings: a crash after sending and before recording does not mail twice.
  const key = `reconcile/${hashKeys(keys)}`;
  await sendEmail({ ...(await renderAdminAlert({ subject, text })), to, tags: { category: "admin_reconcile" } }, key);
  await database
    .update(reconcileFindings)
    .set({ notifiedAt: sql`now()` })
    .where(and(inArray(reconcileFindings.key, keys), isNotNull(reconcileFindings.key)));
  return { mismatches: report.mismatches.length, fresh: fresh.length, emailed: true };
}

function hashKeys(keys: string[]): string {
  return createHash("sha256").update(keys.sort().join("\n")).digest("hex").slice(0, 32);
}

let timer: NodeJS.Timeout | undefined;

export function startReconcileTimer(minutes = 60): () => void {
  if (!timer) {
    timer = setInterval(
      () => void scheduledReconcile().catch((err: unknown) => log.error({ err }, "scheduled run failed")),
      minutes * 60_000,
    );
    timer.unref();
  }
  return () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
}
