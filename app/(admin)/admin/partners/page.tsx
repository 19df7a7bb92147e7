// /admin/partners — every reseller with its state and balance; create a new one (it starts pending).
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { listPartners } from "@/lib/partners/accounts";
import { balanceOf } from "@/lib/partners/ledger";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm } from "@/components/partner/action-form";
import { PartnerStatusBadge } from "@/components/partner/status-badge";
import { Field, Input } from "@/components/ui/field";
import { createPartnerAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Partners" };

export default async function PartnersPage() {
  const user = await requireAdminPage("/admin/partners");
  const db = await getDb();
  const partners = await listPartners(db);
  const balances = await Promise.all(partners.map((p) => balanceOf(db, p.id)));
  return (
    <>
      <AdminNav current="/admin/partners" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Partners</h1>
        <p className="mt-1 text-slate-700">
          Resellers who order over the API. A new partner stays pending until approved.
        </p>
        <div className="card mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Partners</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Partner
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="px-4 py-2">
                  Billing
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {partners.length === 0 && (
                <tr>
                  <td colSpan={4} className="px-4 py-6 text-slate-600">
                    No partners yet.
                  </td>
                </tr>
              )}
              {partners.map((p, i) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <td className="px-4 py-2">
                    <Link href={`/admin/partners/${p.id}`} className="font-semibold text-brand-800 underline">
                      {p.name}
                    </Link>
                    <span className="block font-mono text-xs text-slate-600">{p.id}</span>
                  </td>
                  <td className="px-4 py-2">
                    <PartnerStatusBadge status={p.status} />
                  </td>
                  <td className="px-4 py-2">{p.billing}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(balances[i]!, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="new-partner-h" className="card mt-6 p-4">
          <h2 id="new-partner-h" className="text-lg font-bold text-slate-900">
            New partner
          </h2>
          <ActionForm action={createPartnerAction} submitLabel="Create partner" label="New partner">
            <Field id="partner-name" label="Name">
              <Input id="partner-name" name="name" required minLength={2} maxLength={120} className="w-64" />
            </Field>
            <Field id="partner-email" label="Portal user's email">
              <Input id="partner-email" name="email" type="email" required className="w-72" />
            </Field>
            <Field id="partner-currency" label="Currency">
              <Input
                id="partner-currency"
                name="currency"
                defaultValue="USD"
                maxLength={3}
                className="w-24 uppercase"
              />
            </Field>
          </ActionForm>
        </section>
      </div>
    </>
  );
}
