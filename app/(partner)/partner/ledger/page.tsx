// /partner/ledger — every entry on the partner's account, newest first, and the monthly statements.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { balanceOf, ledgerLines } from "@/lib/partners/ledger";
import { requirePartnerPage } from "@/lib/partners/portal";
import { statementMonths } from "@/lib/partners/views";
import { formatMoney } from "@/lib/format";
import { PartnerNav } from "@/components/partner/partner-nav";

export const dynamic = "force-dynamic";
export const metadata = { title: "Ledger" };

export default async function PartnerLedger() {
  const { user, partner } = await requirePartnerPage("/partner/ledger");
  const db = await getDb();
  const [balance, lines] = await Promise.all([balanceOf(db, partner.id), ledgerLines(db, partner.id, { limit: 200 })]);
  return (
    <>
      <PartnerNav current="/partner/ledger" partnerName={partner.name} email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Ledger</h1>
        <p className="mt-1 text-slate-700">
          Balance <strong className="tabular-nums">{formatMoney(balance, partner.currency)}</strong>: the sum of every
          entry below.
        </p>
        <section aria-labelledby="statements-h" className="card mt-6 p-4">
          <h2 id="statements-h" className="text-lg font-bold text-slate-900">
            Monthly statements
          </h2>
          <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {statementMonths(partner.createdAt).map((m) => (
              <li key={m}>
                {m}:{" "}
                <Link href={`/partner/ledger/statement?month=${m}`} className="text-brand-800 underline">
                  printable
                </Link>{" "}
                ·{" "}
                <a href={`/partner/ledger/statement.csv?month=${m}`} className="text-brand-800 underline">
                  CSV
                </a>
              </li>
            ))}
          </ul>
        </section>
        <div className="card mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Ledger entries</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Date (UTC)
                </th>
                <th scope="col" className="px-4 py-2">
                  Kind
                </th>
                <th scope="col" className="px-4 py-2">
                  Reference
                </th>
                <th scope="col" className="px-4 py-2">
                  Memo
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-4 py-6 text-slate-600">
                    No entries yet.
                  </td>
                </tr>
              )}
              {lines.map((l) => (
                <tr key={l.id} className="border-t border-slate-200" data-testid="ledger-row">
                  <td className="px-4 py-2 tabular-nums">{l.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
                  <td className="px-4 py-2">{l.kind}</td>
                  <td className="px-4 py-2 font-mono text-xs">{l.reference}</td>
                  <td className="px-4 py-2">{l.memo}</td>
                  <td
                    className={`px-4 py-2 text-right tabular-nums ${l.amountMinor < 0 ? "text-red-800" : "text-emerald-800"}`}
                  >
                    {formatMoney(l.amountMinor, l.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
