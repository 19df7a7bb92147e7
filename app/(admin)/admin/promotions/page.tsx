// /admin/promotions — every promotion code with its use, a form to create one, and the referral programme's
// totals. A code can be deactivated at any moment; checkouts already paid keep their discount.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { formatMoney } from "@/lib/format";
import { listPromotions, shopCurrencies, type PromotionRow } from "@/lib/promotions/admin";
import { REFERRAL_PERCENT_OFF, REFERRAL_REWARD } from "@/lib/promotions/referrals";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/partner/action-form";
import { Field, Input, Select } from "@/components/ui/field";
import { createPromotionAction, promotionActiveAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Promotions" };

function discountOf(p: PromotionRow): string {
  if (p.kind === "percent") return `${p.percentOff}% off`;
  return Object.entries(p.amountsOff ?? {})
    .map(([c, m]) => `${formatMoney(m, c)} off`)
    .join(" / ");
}

function windowOf(p: PromotionRow): string {
  const d = (x: Date) => x.toISOString().slice(0, 16).replace("T", " ");
  if (!p.startsAt && !p.endsAt) return "Always";
  return `${p.startsAt ? d(p.startsAt) : "now"} → ${p.endsAt ? d(p.endsAt) : "no end"}`;
}

function limitsOf(p: PromotionRow): string {
  const parts = [];
  if (p.maxPerCustomer !== null) parts.push(`${p.maxPerCustomer} per customer`);
  if (p.minimumAmounts) parts.push(...Object.entries(p.minimumAmounts).map(([c, m]) => `min ${formatMoney(m, c)}`));
  if (p.countries?.length) parts.push(p.countries.join(", "));
  return parts.join(" · ") || "—";
}

export default async function PromotionsPage() {
  const user = await requireAdminPage("/admin/promotions");
  const { codes, referral } = await listPromotions(await getDb());
  const currencies = shopCurrencies();
  return (
    <>
      <AdminNav current="/admin/promotions" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Promotions</h1>
        <p className="mt-1 text-slate-700">
          Codes buyers enter on a plan page. A use counts from checkout and comes back if the checkout expires, fails or
          is refunded. Times are UTC.
        </p>
        <div className="card relative mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="promotions-table">
            <caption className="sr-only">Promotion codes</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Code
                </th>
                <th scope="col" className="px-4 py-2">
                  Discount
                </th>
                <th scope="col" className="px-4 py-2">
                  When
                </th>
                <th scope="col" className="px-4 py-2">
                  Rules
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Used
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-4 py-6 text-slate-600">
                    No codes yet.
                  </td>
                </tr>
              )}
              {codes.map((p) => (
                <tr key={p.id} className="border-t border-slate-200 align-top" data-code={p.code}>
                  <td className="px-4 py-2">
                    <Link
                      href={`/admin/promotions/${p.id}`}
                      className="font-mono font-semibold text-brand-800 underline"
                    >
                      {p.code}
                    </Link>
                    {p.description && <span className="block text-xs text-slate-600">{p.description}</span>}
                  </td>
                  <td className="px-4 py-2">{discountOf(p)}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{windowOf(p)}</td>
                  <td className="px-4 py-2">{limitsOf(p)}</td>
                  <td className="px-4 py-2 text-right tabular-nums" data-testid="used">
                    {p.used}
                    {p.maxRedemptions !== null ? ` / ${p.maxRedemptions}` : ""}
                    <span className="block text-xs text-slate-600">{p.paid} paid</span>
                  </td>
                  <td className="px-4 py-2">
                    <span className={p.active ? "font-medium text-emerald-800" : "font-medium text-slate-600"}>
                      {p.active ? "Active" : "Inactive"}
                    </span>
                    <div className="mt-1">
                      <ActionButton
                        action={promotionActiveAction}
                        label={p.active ? "Deactivate" : "Reactivate"}
                        fields={{ promotionId: p.id, active: p.active ? "false" : "true" }}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <section aria-labelledby="new-code-h" className="card mt-6 p-4">
          <h2 id="new-code-h" className="text-lg font-bold text-slate-900">
            New code
          </h2>
          <ActionForm
            action={createPromotionAction}
            submitLabel="Create code"
            label="New code"
            className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
          >
            <Field id="promo-code" label="Code">
              <Input id="promo-code" name="code" required maxLength={32} className="font-mono uppercase" />
            </Field>
            <Field id="promo-kind" label="Type">
              <Select id="promo-kind" name="kind" defaultValue="percent">
                <option value="percent">Percent off</option>
                <option value="fixed">Fixed amount off</option>
              </Select>
            </Field>
            <Field id="promo-percent" label="Percent off (percent codes)">
              <Input id="promo-percent" name="percentOff" inputMode="numeric" placeholder="10" />
            </Field>
            {currencies.map((c) => (
              <Field key={`amount-${c}`} id={`promo-amount-${c}`} label={`Amount off in ${c} (fixed codes)`}>
                <Input id={`promo-amount-${c}`} name={`amount_${c}`} inputMode="decimal" placeholder="5.00" />
              </Field>
            ))}
            {currencies.map((c) => (
              <Field key={`minimum-${c}`} id={`promo-minimum-${c}`} label={`Minimum order in ${c} (optional)`}>
                <Input id={`promo-minimum-${c}`} name={`minimum_${c}`} inputMode="decimal" />
              </Field>
            ))}
            <Field id="promo-starts" label="Starts (UTC, optional)">
              <Input id="promo-starts" name="startsAt" type="datetime-local" />
            </Field>
            <Field id="promo-ends" label="Ends (UTC, optional)">
              <Input id="promo-ends" name="endsAt" type="datetime-local" />
            </Field>
            <Field id="promo-max" label="Total uses (optional)">
              <Input id="promo-max" name="maxRedemptions" inputMode="numeric" />
            </Field>
            <Field id="promo-per-customer" label="Uses per customer (optional)">
              <Input id="promo-per-customer" name="maxPerCustomer" inputMode="numeric" />
            </Field>
            <Field id="promo-countries" label="Only for countries (ISO codes, optional)">
              <Input id="promo-countries" name="countries" placeholder="JP, KR" />
            </Field>
            <Field id="promo-description" label="Note (admins only)">
              <Input id="promo-description" name="description" maxLength={200} />
            </Field>
          </ActionForm>
        </section>

        <section aria-labelledby="referrals-h" className="card mt-6 p-4 text-sm text-slate-700">
          <h2 id="referrals-h" className="text-lg font-bold text-slate-900">
            Referrals
          </h2>
          <p className="mt-2">
            Every signed-in customer has a referral code: a friend&apos;s first order is {REFERRAL_PERCENT_OFF}% off,
            and once it is delivered the referrer earns{" "}
            {Object.entries(REFERRAL_REWARD)
              .filter(([c]) => currencies.includes(c))
              .map(([c, m]) => formatMoney(m, c))
              .join(" / ")}{" "}
            of credit, taken off their next order.
          </p>
          <p className="mt-1" data-testid="referral-totals">
            {referral.codes} referral codes, used on {referral.orders} orders.
          </p>
        </section>
      </div>
    </>
  );
}
