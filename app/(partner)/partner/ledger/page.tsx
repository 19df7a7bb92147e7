// /partner/ledger — every entry on the partner's account, newest first, and the monthly statements.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { balanceOf, ledgerLines } from "@/lib/partners/ledger";
import { requirePartnerPage } from "@/lib/partners/portal";
import { statementMonths } from "@/lib/partners/views";
import { formatMoney } from "@/lib/format";
import { PartnerNav } from "@/components/partner/partner-nav";
import { DataTable } from "@/components/ui/data-table";

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
        <DataTable
          caption="Ledger entries"
          className="mt-6"
          rows={lines}
          rowKey={(l) => l.id}
          empty="No entries yet."
          rowTestId="ledger-row"
          columns={[
            {
              key: "date",
              header: "Date (UTC)",
              cell: (l) => l.createdAt.toISOString().replace("T", " ").slice(0, 16),
              className: "tabular-nums whitespace-nowrap",
            },
            { key: "kind", header: "Kind", cell: (l) => l.kind },
            { key: "reference", header: "Reference", cell: (l) => l.reference, className: "font-mono text-xs" },
            { key: "memo", header: "Memo", cell: (l) => l.memo },
            {
              key: "amount",
              header: "Amount",
              align: "right",
              cell: (l) => (
                <span className={l.amountMinor < 0 ? "text-red-800" : "text-emerald-800"}>
                  {formatMoney(l.amountMinor, l.currency)}
                </span>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}
