import { z } from "zod";
import type { Db } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { toCsv } from "../csv";
import { wholesaleBalances } from "../dashboard";
import { kindLabel, REPAIR_LABELS } from "./kinds";
import { listFailedPurchases, listFailedTopupsJson, listStuck } from "./lists";
import { reconcile, recentWindow, type ReconcileReport } from "./run";
import type { Window } from "./sources";

const dateish = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const reconcileRequestSchema = z.object({
  action: z.enum(["check_balance", "list_failed_topups", "list_failed_purchases", "list_stuck", "reconcile"]),
  from: dateish.optional(),
  to: dateish.optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

export function windowOf(input: { from?: string; to?: string }, now = new Date()): Window {
  const from = input.from
    ? new Date(input.from.length === 10 ? `${input.from}T00:00:00Z` : input.from)
    : recentWindow(7, now).from;
  const to = input.to ? new Date(input.to.length === 10 ? `${input.to}T23:59:59.999Z` : input.to) : now;
  // A malformed parameter must be an answer to the admin, never an invalid date reaching a query.
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw new RangeError("`from` and `to` must be dates (YYYY-MM-DD).");
  if (to < from) throw new RangeError("`to` is before `from`.");
  if (to.getTime() - from.getTime() > 93 * 86_400_000) throw new RangeError("Reconcile at most 93 days at once.");
  return { from, to };
}

export function reportCsv(report: ReconcileReport): string {
  return toCsv(
    [
      "kind",
      "label",
      "key",
      "order_id",
      "reference",
      "amount_minor",
      "currency",
      "amount",
      "summary",
      "repair",
      "what_to_do",
      "at",
    ],
    report.mismatches.map((m) => [
      m.kind,
      kindLabel(m.kind),
      m.key,
      m.orderId,
      m.reference,
      m.amountMinor,
      m.currency,
      formatMoney(m.amountMinor, m.currency),
      m.summary,
      REPAIR_LABELS[m.repair],
      m.advice ?? "",
      m.at.toISOString(),
    ]),
  );
}

export async function runReconcileRequest(
  db: Db,
  input: ReconcileRequest,
): Promise<{ json: unknown } | { csv: string; filename: string }> {
  const w = windowOf(input);
  switch (input.action) {
    case "check_balance":
      return { json: { balances: await wholesaleBalances() } };
    case "list_failed_topups":
      return { json: { window: w, topups: await listFailedTopupsJson(db, w) } };
    case "list_failed_purchases":
      return { json: { window: w, purchases: await listFailedPurchases(db, w) } };
    case "list_stuck":
      return { json: { orders: await listStuck(db) } };
    case "reconcile": {
      const report = await reconcile(db, w);
      if (input.format === "csv")
        return {
          csv: reportCsv(report),
          filename: `tern-reconcile-${w.from.toISOString().slice(0, 10)}-${w.to.toISOString().slice(0, 10)}.csv`,
        };
      return { json: report };
    }
  }
}
