// Double-entry: every money event is signed entries summing to zero under a unique reference, so it is never
// posted twice; a balance is always summed, never stored. A partner account's sum is what the partner holds.
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, type Partner } from "@/lib/db/schema";

export const LEDGER_KINDS = ["order", "refund", "topup", "topup_reversal", "adjustment"] as const;
type LedgerKind = (typeof LEDGER_KINDS)[number];

export const partnerAccount = (partnerId: string) => `partner:${partnerId}`;
export const salesAccount = (currency: string) => `house:sales:${currency}`;
export const stripeAccount = (currency: string) => `house:stripe:${currency}`;

class UnbalancedTransactionError extends Error {}

interface PostInput {
  partnerId: string;
  kind: LedgerKind;
  reference: string;
  currency: string;
  orderId?: string | null;
  stripePaymentIntentId?: string | null;
  memo?: string;
  lines: [string, number][];
}

async function ensureAccounts(tx: Tx | Db, partnerId: string, currency: string, ids: string[]): Promise<void> {
  const rows = ids.map((id) => ({
    id,
    partnerId: id.startsWith("partner:") ? partnerId : null,
    kind: id.startsWith("partner:") ? "partner" : id.split(":")[1]!,
    currency,
  }));
  await tx.insert(ledgerAccounts).values(rows).onConflictDoNothing();
}

export async function postTransaction(tx: Tx | Db, input: PostInput): Promise<boolean> {
  const sum = input.lines.reduce((s, [, amount]) => s + amount, 0);
  if (sum !== 0 || input.lines.some(([, a]) => !Number.isInteger(a)))
    throw new UnbalancedTransactionError(`ledger transaction ${input.reference} does not balance (${sum})`);
  await ensureAccounts(
    tx,
    input.partnerId,
    input.currency,
    input.lines.map(([id]) => id),
  );
  const [row] = await tx
    .insert(ledgerTransactions)
    .values({
      partnerId: input.partnerId,
      kind: input.kind,
      reference: input.reference,
      orderId: input.orderId ?? null,
      stripePaymentIntentId: input.stripePaymentIntentId ?? null,
      memo: input.memo ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: ledgerTransactions.id });
  if (!row) return false;
  await tx.insert(ledgerEntries).values(
    input.lines.map(([accountId, amountMinor]) => ({
      transactionId: row.id,
      accountId,
      amountMinor,
      currency: input.currency,
    })),
  );
  return true;
}

export async function balanceOf(db: Db | Tx, partnerId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string | null>`sum(${ledgerEntries.amountMinor})` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, partnerAccount(partnerId)));
  return Number(row?.sum ?? 0);
}

export function availableOf(partner: Pick<Partner, "billing" | "creditLimitMinor">, balanceMinor: number): number {
  return balanceMinor + (partner.billing === "postpaid" ? partner.creditLimitMinor : 0);
}

interface LedgerLine {
  id: number;
  transactionId: number;
  kind: string;
  reference: string;
  orderId: string | null;
  memo: string | null;
  amountMinor: number;
  currency: string;
  createdAt: Date;
}

export async function ledgerLines(
  db: Db,
  partnerId: string,
  options: { from?: Date; to?: Date; limit?: number; before?: number; order?: "asc" | "desc" } = {},
): Promise<LedgerLine[]> {
  const where = [eq(ledgerEntries.accountId, partnerAccount(partnerId))];
  if (options.from) where.push(gte(ledgerEntries.createdAt, options.from));
  if (options.to) where.push(lt(ledgerEntries.createdAt, options.to));
  if (options.before) where.push(lt(ledgerEntries.id, options.before));
  const rows = await db
    .select({
      id: ledgerEntries.id,
      transactionId: ledgerEntries.transactionId,
      kind: ledgerTransactions.kind,
      reference: ledgerTransactions.reference,
      orderId: ledgerTransactions.orderId,
      memo: ledgerTransactions.memo,
      amountMinor: ledgerEntries.amountMinor,
      currency: ledgerEntries.currency,
      createdAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(and(...where))
    .orderBy(options.order === "asc" ? asc(ledgerEntries.id) : desc(ledgerEntries.id))
    .limit(options.limit ?? 1000);
  return rows;
}

export interface Statement {
  month: string;
  from: Date;
  to: Date;
  openingMinor: number;
  closingMinor: number;
  debitsMinor: number;
  creditsMinor: number;
  lines: LedgerLine[];
}

export function monthRange(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(y, mo, 1)), to: new Date(Date.UTC(y, mo + 1, 1)) };
}

export async function monthlyStatement(db: Db, partnerId: string, month: string): Promise<Statement | null> {
  const range = monthRange(month);
  if (!range) return null;
  const [opening] = await db
    .select({ sum: sql<string | null>`sum(${ledgerEntries.amountMinor})` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.accountId, partnerAccount(partnerId)), lt(ledgerEntries.createdAt, range.from)));
  const lines = await ledgerLines(db, partnerId, { ...range, order: "asc", limit: 100_000 });
  const openingMinor = Number(opening?.sum ?? 0);
  const debitsMinor = lines.filter((l) => l.amountMinor < 0).reduce((s, l) => s + l.amountMinor, 0);
  const creditsMinor = lines.filter((l) => l.amountMinor > 0).reduce((s, l) => s + l.amountMinor, 0);
  return {
    month,
    ...range,
    openingMinor,
    closingMinor: openingMinor + debitsMinor + creditsMinor,
    debitsMinor,
    creditsMinor,
    lines,
  };
}

/** A formula-looking cell is prefixed with ' so spreadsheets do not run it. */
export function statementCsv(s: Statement): string {
  const cell = (v: string | number) => {
    let text = String(v);
    if (/^[=+\-@\t\r]/.test(text) && typeof v === "string") text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows: (string | number)[][] = [["date", "kind", "reference", "order_id", "amount_minor", "currency", "memo"]];
  rows.push([s.from.toISOString(), "opening_balance", "", "", s.openingMinor, s.lines[0]?.currency ?? "", ""]);
  for (const l of s.lines)
    rows.push([
      l.createdAt.toISOString(),
      l.kind,
      l.reference,
      l.orderId ?? "",
      l.amountMinor,
      l.currency,
      l.memo ?? "",
    ]);
  rows.push([s.to.toISOString(), "closing_balance", "", "", s.closingMinor, s.lines[0]?.currency ?? "", ""]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export async function ledgerTotals(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ currency: ledgerEntries.currency, sum: sql<string>`sum(${ledgerEntries.amountMinor})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.currency);
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.sum)]));
}
