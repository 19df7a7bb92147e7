// /partner/ledger/statement?month=YYYY-MM — a printable monthly statement: opening balance, every entry,
// closing balance (opening + entries, by construction).
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { parseQuery } from "@/lib/http/query";
import { monthlyStatement } from "@/lib/partners/ledger";
import { statementQuerySchema } from "@/lib/partners/schemas";
import { requirePartnerPage } from "@/lib/partners/portal";
import { formatMoney } from "@/lib/format";
import { PartnerNav } from "@/components/partner/partner-nav";

export const dynamic = "force-dynamic";
export const metadata = { title: "Statement" };

export default async function StatementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, partner } = await requirePartnerPage("/partner/ledger");
  const query = parseQuery(statementQuerySchema, await searchParams);
  const statement = query ? await monthlyStatement(await getDb(), partner.id, query.month) : null;
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
        <table className="mt-6 w-full text-left text-sm">
          <caption className="sr-only">Entries in {statement.month}</caption>
          <thead className="border-b border-slate-300 text-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Date
              </th>
              <th scope="col" className="py-2 pr-4">
                Kind
              </th>
              <th scope="col" className="py-2 pr-4">
                Order
              </th>
              <th scope="col" className="py-2 pr-4">
                Memo
              </th>
              <th scope="col" className="py-2 text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {statement.lines.map((l) => (
              <tr key={l.id} className="border-b border-slate-100">
                <td className="py-1 pr-4 tabular-nums">{l.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
                <td className="py-1 pr-4">{l.kind}</td>
                <td className="py-1 pr-4 font-mono text-xs">{l.orderId}</td>
                <td className="py-1 pr-4">{l.memo}</td>
                <td className="py-1 text-right tabular-nums">{money(l.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-6 text-sm text-slate-600 print:hidden">
          Use your browser&apos;s Print command for a paper or PDF copy.
        </p>
      </div>
    </>
  );
}
