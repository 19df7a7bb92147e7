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
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
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
        <DataTable
          caption="Partners"
          className="mt-6"
          rows={partners.map((p, i) => ({ ...p, balance: balances[i]! }))}
          rowKey={(p) => p.id}
          empty="No partners yet."
          columns={[
            {
              key: "partner",
              header: "Partner",
              cell: (p) => (
                <>
                  <Link href={`/admin/partners/${p.id}`} className="font-semibold text-brand-800 underline">
                    {p.name}
                  </Link>
                  <span className="block font-mono text-xs text-slate-600">{p.id}</span>
                </>
              ),
            },
            { key: "status", header: "Status", cell: (p) => <PartnerStatusBadge status={p.status} /> },
            { key: "billing", header: "Billing", cell: (p) => p.billing },
            { key: "balance", header: "Balance", cell: (p) => formatMoney(p.balance, p.currency), align: "right" },
          ]}
        />
        <Section id="new-partner" title="New partner">
          <ActionForm action={createPartnerAction} submitLabel="Create partner" label="New partner">
            <Field id="partner-name" label="Name">
              <Input id="partner-name" name="name" required minLength={2} maxLength={120} className="w-full max-w-64" />
            </Field>
            <Field id="partner-email" label="Portal user's email">
              <Input id="partner-email" name="email" type="email" required className="w-full max-w-72" />
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
        </Section>
      </div>
    </>
  );
}
