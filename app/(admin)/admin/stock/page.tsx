// /admin/stock — managed eSIM stock: levels per bundle (available, reserved, assigned, retired), restock
// targets and low-stock thresholds, pre-buying, retiring a row, recent pre-buys, and the CSV import.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { listInventory, recentStockPurchases, STATUSES, stockOverview, type StockStatus } from "@/lib/stock/queries";
import { MAX_PREBUY } from "@/lib/stock/prebuy";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionButton } from "@/components/admin/action-button";
import { DataTable } from "@/components/ui/data-table";
import { closePurchaseAction, retireStockAction } from "./actions";
import { ImportForm } from "./import-form";
import { LevelsForm, PrebuyForm } from "./stock-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Stock" };

type Params = Promise<Record<string, string | undefined>>;
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "—");

export default async function StockPage({ searchParams }: { searchParams: Params }) {
  const user = await requireAdminPage("/admin/stock");
  const q = await searchParams;
  const db = await getDb();
  const [overview, purchases] = await Promise.all([stockOverview(db), recentStockPurchases(db)]);
  const selected = overview.find((b) => b.bundleName === q.bundle);
  const status = (STATUSES as readonly string[]).includes(q.status ?? "") ? (q.status as StockStatus) : undefined;
  const rows = selected ? await listInventory(db, selected.bundleName, status) : [];

  return (
    <>
      <AdminNav current="/admin/stock" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Stock</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Orders for a stocked bundle take the next available eSIM; when none is left they are bought from the provider.
          Every sold eSIM appears here, stock or bought on demand.
        </p>

        <section aria-labelledby="levels-h" className="mt-6">
          <h2 id="levels-h" className="text-lg font-bold text-slate-900">
            Per bundle
          </h2>
          {overview.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No stock yet. Import a CSV or set a restock target below.</p>
          ) : (
            <DataTable
              caption="Stock per bundle"
              className="mt-2"
              card={false}
              testId="stock-overview"
              rows={overview}
              rowKey={(b) => b.bundleName}
              columns={[
                {
                  key: "bundle",
                  header: "Bundle",
                  cell: (b) => (
                    <>
                      <Link
                        href={`/admin/stock?bundle=${encodeURIComponent(b.bundleName)}`}
                        className="font-mono text-brand-700 underline"
                      >
                        {b.bundleName}
                      </Link>
                      {b.low && (
                        <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
                          Low
                        </span>
                      )}
                    </>
                  ),
                },
                {
                  key: "available",
                  header: "Available",
                  align: "right",
                  className: "font-semibold",
                  cell: (b) => b.counts.available,
                },
                { key: "reserved", header: "Reserved", align: "right", cell: (b) => b.counts.reserved },
                { key: "assigned", header: "Assigned", align: "right", cell: (b) => b.counts.assigned },
                { key: "retired", header: "Retired", align: "right", cell: (b) => b.counts.retired },
                { key: "on-demand", header: "Bought on demand", align: "right", cell: (b) => b.boughtOnDemand },
                { key: "target", header: "Target", align: "right", cell: (b) => b.targetLevel || "—" },
                { key: "threshold", header: "Alert below", align: "right", cell: (b) => b.lowThreshold || "—" },
                { key: "buying", header: "Being bought", align: "right", cell: (b) => b.buying || "—" },
              ]}
            />
          )}
        </section>

        {selected && (
          <section aria-labelledby="bundle-h" className="card mt-6 space-y-4 p-4">
            <h2 id="bundle-h" className="text-lg font-bold text-slate-900">
              <span className="font-mono">{selected.bundleName}</span>{" "}
              <span className="text-sm font-normal text-slate-700">
                {selected.title} · {selected.provider}
              </span>
            </h2>
            <LevelsForm
              bundleName={selected.bundleName}
              target={selected.targetLevel}
              threshold={selected.lowThreshold}
            />
            <PrebuyForm bundleName={selected.bundleName} max={MAX_PREBUY} />
            <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
              {[undefined, ...STATUSES].map((s) => (
                <Link
                  key={s ?? "all"}
                  href={`/admin/stock?bundle=${encodeURIComponent(selected.bundleName)}${s ? `&status=${s}` : ""}`}
                  aria-current={s === status ? "page" : undefined}
                  className={`rounded-md px-2 py-1 ${s === status ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}
                >
                  {s ?? "all"}
                </Link>
              ))}
            </nav>
            <DataTable
              caption="eSIMs of this bundle (newest 50)"
              card={false}
              rows={rows}
              rowKey={(r) => r.id}
              rowClassName="align-top"
              empty={`No eSIMs${status ? ` with status ${status}` : ""}.`}
              columns={[
                { key: "iccid", header: "ICCID", className: "font-mono", cell: (r) => r.iccid },
                {
                  key: "status",
                  header: "Status",
                  cell: (r) => (
                    <>
                      {r.status}
                      {r.retiredReason ? <span className="block text-xs text-slate-600">{r.retiredReason}</span> : null}
                    </>
                  ),
                },
                { key: "source", header: "Source", cell: (r) => r.source },
                { key: "batch", header: "Batch", cell: (r) => r.batch ?? "—" },
                {
                  key: "cost",
                  header: "Cost",
                  cell: (r) => (r.costMinor !== null ? formatMoney(r.costMinor, r.costCurrency ?? "USD") : "—"),
                },
                {
                  key: "order",
                  header: "Order",
                  cell: (r) =>
                    r.orderId ? (
                      <Link
                        href={`/admin/orders/${encodeURIComponent(r.orderId)}`}
                        className="font-mono text-brand-700 underline"
                      >
                        {r.orderId}
                      </Link>
                    ) : (
                      "—"
                    ),
                },
                { key: "added", header: "Added", cell: (r) => when(r.createdAt) },
                {
                  key: "actions",
                  header: "Actions",
                  hiddenHeader: true,
                  cell: (r) =>
                    r.status === "available" && (
                      <ActionButton
                        action={retireStockAction}
                        label="Retire"
                        fields={{ id: r.id }}
                        note="Why"
                        variant="danger"
                      />
                    ),
                },
              ]}
            />
          </section>
        )}

        <section aria-labelledby="new-h" className="card mt-6 p-4">
          <h2 id="new-h" className="text-lg font-bold text-slate-900">
            Stock a bundle
          </h2>
          <p className="text-sm text-slate-700">
            Set a restock target (the scheduled restock pre-buys up to it) and a low-stock alert for any bundle.
          </p>
          <div className="mt-3">
            <LevelsForm target={0} threshold={0} />
          </div>
        </section>

        <section aria-labelledby="import-h" className="card mt-6 p-4">
          <h2 id="import-h" className="text-lg font-bold text-slate-900">
            Import
          </h2>
          <p className="text-sm text-slate-700">
            Columns <code>iccid</code>, <code>bundle</code> and <code>lpa</code> (<code>LPA:1$smdp$code</code>) or{" "}
            <code>smdp_address</code> + <code>activation_code</code>; optional <code>cost_minor</code>,{" "}
            <code>cost_currency</code>, <code>batch</code>. Every line is checked first: one bad line imports nothing.
            Up to 60 kB here; larger files with <code>npm run stock:import -- file.csv</code>.
          </p>
          <ImportForm />
        </section>

        <section aria-labelledby="buys-h" className="mt-6">
          <h2 id="buys-h" className="text-lg font-bold text-slate-900">
            Recent pre-buys
          </h2>
          {purchases.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">None yet.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {purchases.map((p) => (
                <li key={p.id} className="card flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
                  <p>
                    <strong>#{p.id}</strong> {when(p.startedAt)} · <span className="font-mono">{p.bundleName}</span> ×{" "}
                    {p.quantity} · {p.status} ({p.trigger}
                    {p.requestedBy ? `, ${p.requestedBy}` : ""})
                    {p.costMinor !== null ? ` · ${formatMoney(p.costMinor, p.costCurrency ?? "USD")}` : ""}
                    {p.providerReference ? ` · ${p.provider} ${p.providerReference}` : ""}
                    {p.error ? <span className="block text-red-700">{p.error}</span> : null}
                  </p>
                  {(p.status === "unknown" || p.status === "started") && (
                    <ActionButton
                      action={closePurchaseAction}
                      label="Close (not bought)"
                      fields={{ id: p.id }}
                      confirm={{ expected: String(p.id), prompt: "Checked at the provider? Type" }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
