// /partner/ledger/statement?month=YYYY-MM — a printable monthly statement: opening balance, every entry,
// closing balance (opening + entries, by construction).
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { parseQuery } from "@/lib/http/query";
import { monthlyStatement } from "@/lib/partners/ledger";
import { statementQuerySchema } from "@/lib/partners/schemas";
import { requirePartnerPage } from "@/lib/partners/portal";
import { statementMonths } from "@/lib/partners/views";
import { formatMoney } from "@/lib/format";
import { PartnerNav } from "@/components/partner/partner-nav";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Statement" };

export default async function StatementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, partner } = await requirePartnerPage("/partner/ledger");
  const query = parseQuery(statementQuerySchema, await searchParams);
  // No statement for a month before the account was opened (or after this one).
  const offered = query !== null && statementMonths(partner.createdAt, new Date(), 1200).includes(query.month);
  const statement = offered ? await monthlyStatement(await getDb(), partner.id, query.month) : null;
  if (!statement) notFound();
  const money = (m: number) => formatMoney(m, partner.currency);
  return (
    <>
      <PartnerNav current="/partner/ledger" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Statement {statement.month}</h1>
        <p className="mt-1 text-slate-700">
          {partner.name} ({partner.id}) · {partner.billing} · all times UTC
        </p>
        <dl className="mt-4 grid max-w-xl grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-700">Opening balance</dt>
          <dd className="text-right tabular-nums">{money(statement.openingMinor)}</dd>
          <dt className="text-slate-700">Credits</dt>
          <dd className="text-right tabular-nums">{money(statement.creditsMinor)}</dd>
          <dt className="text-slate-700">Debits</dt>
          <dd className="text-right tabular-nums">{money(statement.debitsMinor)}</dd>
          <dt className="font-semibold text-slate-900">Closing balance</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="closing">
            {money(statement.closingMinor)}
          </dd>
        </dl>
        <DataTable
          caption={`Entries in ${statement.month}`}
          card={false}
          className="mt-6"
          rows={statement.lines}
          rowKey={(l) => l.id}
          empty="No entries this month."
          columns={[
            {
              key: "date",
              header: "Date",
              cell: (l) => l.createdAt.toISOString().replace("T", " ").slice(0, 16),
              className: "tabular-nums whitespace-nowrap",
            },
            { key: "kind", header: "Kind", cell: (l) => l.kind },
            { key: "order", header: "Order", cell: (l) => l.orderId, className: "font-mono text-xs" },
            { key: "memo", header: "Memo", cell: (l) => l.memo },
            { key: "amount", header: "Amount", cell: (l) => money(l.amountMinor), align: "right" },
          ]}
        />
        <p className="mt-6 text-sm text-slate-600 print:hidden">
          Use your browser&apos;s Print command for a paper or PDF copy.
        </p>
      </div>
    </>
  );
}
