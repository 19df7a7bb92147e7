// /admin/partners/[id] — approve or suspend a partner, set its billing, credit limit and pricing rule, add
// portal users, post a ledger adjustment; every change is audited.
import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { listAudit } from "@/lib/audit";
import { getPartner, partnerUsersOf } from "@/lib/partners/accounts";
import { availableOf, balanceOf } from "@/lib/partners/ledger";
import { formatMoney } from "@/lib/format";
import { bpsToPercentText, minorToInputText } from "@/lib/admin/form-units";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/partner/action-form";
import { PartnerStatusBadge } from "@/components/partner/status-badge";
import { Field, Input, Select } from "@/components/ui/field";
import { addPartnerUserAction, ledgerAdjustmentAction, partnerSettingsAction, partnerStatusAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Partner" };

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireAdminPage(`/admin/partners/${id}`);
  const db = await getDb();
  const partner = /^ptn_[0-9a-z]{1,40}$/.test(id) ? await getPartner(db, id) : undefined;
  if (!partner) notFound();
  const [balance, users, audit] = await Promise.all([
    balanceOf(db, partner.id),
    partnerUsersOf(db, partner.id),
    listAudit(db, { targetType: "partner", targetId: partner.id }),
  ]);
  return (
    <>
      <AdminNav current="/admin/partners" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{partner.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
          <PartnerStatusBadge status={partner.status} />
          <span className="font-mono text-sm">{partner.id}</span>· {partner.billing} · balance{" "}
          <strong>{formatMoney(balance, partner.currency)}</strong>· available{" "}
          {formatMoney(availableOf(partner, balance), partner.currency)}
        </p>

        <section aria-labelledby="status-h" className="card mt-6 p-4">
          <h2 id="status-h" className="text-lg font-bold text-slate-900">
            Account state
          </h2>
          <p className="text-sm text-slate-700">
            A suspended partner&apos;s API keys are refused at once; approving lets them work again.
          </p>
          {/* Only the moves that apply. The first slot stays one element across the refresh (Approve turns into
              Suspend), so the answer to the click stays on screen. */}
          <div className="mt-3 flex flex-wrap gap-4">
            <ActionButton
              action={partnerStatusAction}
              label={partner.status === "approved" ? "Suspend" : "Approve"}
              fields={{ partnerId: partner.id, to: partner.status === "approved" ? "suspended" : "approved" }}
              variant={partner.status === "approved" ? "danger" : "primary"}
            />
            {partner.status === "pending" && (
              <ActionButton
                action={partnerStatusAction}
                label="Suspend"
                fields={{ partnerId: partner.id, to: "suspended" }}
                variant="danger"
              />
            )}
          </div>
        </section>

        <section aria-labelledby="settings-h" className="card mt-6 p-4">
          <h2 id="settings-h" className="text-lg font-bold text-slate-900">
            Billing and pricing
          </h2>
          <ActionForm action={partnerSettingsAction} submitLabel="Save settings" label="Billing and pricing">
            <input type="hidden" name="partnerId" value={partner.id} />
            <Field id="billing" label="Billing">
              <Select id="billing" name="billing" defaultValue={partner.billing} className="w-40">
                <option value="prepaid">Prepaid (wallet)</option>
                <option value="postpaid">Postpaid (credit line)</option>
              </Select>
            </Field>
            <Field id="creditLimit" label={`Credit limit (${partner.currency})`}>
              <Input
                id="creditLimit"
                name="creditLimit"
                inputMode="decimal"
                required
                defaultValue={minorToInputText(partner.creditLimitMinor, partner.currency)}
                className="w-40"
              />
            </Field>
            <Field id="pricingKind" label="Pricing rule">
              <Select id="pricingKind" name="pricingKind" defaultValue={partner.pricingKind} className="w-56">
                <option value="discount">Discount off retail</option>
                <option value="markup">Markup over wholesale</option>
              </Select>
            </Field>
            <Field id="pricingRate" label="Rate (%)">
              <Input
                id="pricingRate"
                name="pricingRate"
                inputMode="decimal"
                required
                defaultValue={`${bpsToPercentText(partner.pricingBps)} %`}
                className="w-32"
              />
            </Field>
            <Field id="lowBalance" label={`Low-balance alert below (${partner.currency})`}>
              <Input
                id="lowBalance"
                name="lowBalance"
                inputMode="decimal"
                required
                defaultValue={minorToInputText(partner.lowBalanceMinor, partner.currency)}
                className="w-40"
              />
            </Field>
          </ActionForm>
        </section>

        <section aria-labelledby="adjust-h" className="card mt-6 p-4">
          <h2 id="adjust-h" className="text-lg font-bold text-slate-900">
            Ledger adjustment
          </h2>
          <p className="text-sm text-slate-700">
            A credit (goodwill, a transfer received) or a debit (a correction), posted as one balanced entry. The
            partner sees the reason on their ledger. A debit may take the balance below zero.
          </p>
          <ActionForm
            action={ledgerAdjustmentAction}
            submitLabel="Post adjustment"
            label="Ledger adjustment"
            variant="danger"
          >
            <input type="hidden" name="partnerId" value={partner.id} />
            {/* Minted per render: a double click or a resent form posts once. */}
            <input type="hidden" name="nonce" value={randomUUID()} />
            <Field id="adjust-direction" label="Direction">
              <Select id="adjust-direction" name="direction" defaultValue="credit" className="w-40">
                <option value="credit">Credit (adds)</option>
                <option value="debit">Debit (takes)</option>
              </Select>
            </Field>
            <Field id="adjust-amount" label={`Amount (${partner.currency})`}>
              <Input
                id="adjust-amount"
                name="amount"
                inputMode="decimal"
                required
                placeholder="25.00"
                className="w-32"
              />
            </Field>
            <Field id="adjust-memo" label="Reason">
              <Input id="adjust-memo" name="memo" required minLength={3} maxLength={200} className="w-72" />
            </Field>
            <Field id="adjust-confirm" label={`Type ${partner.id} to confirm`}>
              <Input id="adjust-confirm" name="confirmation" required autoComplete="off" className="w-64 font-mono" />
            </Field>
          </ActionForm>
        </section>

        <section aria-labelledby="users-h" className="card mt-6 p-4">
          <h2 id="users-h" className="text-lg font-bold text-slate-900">
            Portal users
          </h2>
          <p className="text-sm text-slate-700">
            They sign in with the shop&apos;s usual sign-in and see this partner&apos;s data only.
          </p>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-800">
            {users.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          <ActionForm action={addPartnerUserAction} submitLabel="Add user" label="Add portal user" variant="secondary">
            <input type="hidden" name="partnerId" value={partner.id} />
            <Field id="user-email" label="Email">
              <Input id="user-email" name="email" type="email" required className="w-72" />
            </Field>
          </ActionForm>
        </section>

        <section aria-labelledby="audit-h" className="card mt-6 p-4">
          <h2 id="audit-h" className="text-lg font-bold text-slate-900">
            Audit log
          </h2>
          <ul className="mt-2 text-sm text-slate-800">
            {audit.map((a) => (
              <li key={a.id}>
                {a.at.toISOString().replace("T", " ").slice(0, 19)} UTC · {a.action} · {a.outcome} · {a.actorEmail}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
