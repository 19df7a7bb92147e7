// /admin/catalogue — last sync per provider (time, counts, errors) and sync now; pricing rules with a preview of exactly what saving writes;
// disabling and featuring bundles (the home page reads featuredBundles()).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { pageNumber, parseQuery, queryText } from "@/lib/http/query";
import { requireAdminPage } from "@/lib/admin/guard";
import { listAdminBundles, syncStatus } from "@/lib/admin/catalogue";
import { currentPricing, parsePricingForm, previewPricing } from "@/lib/admin/pricing";
import { minorToInputText } from "@/lib/admin/form-units";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionButton } from "@/components/admin/action-button";
import { DataTable } from "@/components/ui/data-table";
import { bundleFlagAction, pinRateAction, savePricingAction, syncAction } from "../actions";
import { currencyOverview } from "@/lib/currency/admin";
import { PinRateForm } from "@/components/currency/pin-rate-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Catalogue" };

type Params = Promise<Record<string, string | string[] | undefined>>;

const bundleQuerySchema = z.object({ q: queryText(200).optional(), page: pageNumber.optional() });

// A repeated parameter arrives as a list: only a single value is a form field.
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

export default async function CataloguePage({ searchParams }: { searchParams: Params }) {
  const user = await requireAdminPage("/admin/catalogue");
  const q = await searchParams;
  const bundleSearch = parseQuery(bundleQuerySchema, { q: q.q, page: q.page });
  const db = await getDb();
  const [status, pricing, currencies] = await Promise.all([syncStatus(db), currentPricing(db), currencyOverview(db)]);
  // A preview is asked for with the form's GET button; its values then fill the form for saving.
  const asked = q.preview
    ? parsePricingForm({
        markup: text(q.markup),
        minMargin: text(q.minMargin),
        currency: text(q.currency),
        charm: text(q.charm),
      })
    : null;
  const rules = asked?.ok ? asked.value : pricing.rules;
  const [preview, bundleList] = await Promise.all([
    asked?.ok ? previewPricing(db, asked.value) : Promise.resolve(null),
    // A search that cannot parse (a NUL, a list, too long) matches nothing, unqueried.
    bundleSearch ? listAdminBundles(db, bundleSearch.q, bundleSearch.page ?? 1) : { rows: [], total: 0 },
  ]);

  return (
    <>
      <AdminNav current="/admin/catalogue" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Catalogue</h1>

        <section aria-labelledby="sync-h" className="card mt-6 p-4">
          <h2 id="sync-h" className="text-lg font-bold text-slate-900">
            Provider sync
          </h2>
          <ul className="mt-2 space-y-2 text-sm text-slate-800">
            {status.length === 0 && <li>Never synced.</li>}
            {status.map((s) => {
              const run = s.lastRun;
              return (
                <li key={s.provider} data-testid={`sync-${s.provider}`}>
                  <strong>{s.provider}</strong>: bundles last written {s.lastSyncedAt ? utc(s.lastSyncedAt) : "never"} ·{" "}
                  {s.active} active, {s.inactive} inactive
                  {run && (
                    <>
                      <br />
                      Last run {utc(run.finishedAt)}:{" "}
                      {run.outcome === "succeeded"
                        ? `succeeded — ${run.fetched ?? 0} received, ${run.listed ?? 0} listed, ${run.invalid ?? 0} skipped, ${run.deactivated ?? 0} deactivated, ${run.reactivated ?? 0} reactivated`
                        : run.outcome === "busy"
                          ? "another instance was syncing; nothing written"
                          : "failed"}
                    </>
                  )}
                  {run?.outcome === "failed" && (
                    <p role="alert" className="mt-1 rounded-lg border border-red-300 bg-red-50 p-2 text-red-900">
                      Sync failed at {utc(run.finishedAt)}: {run.error ?? "no error recorded"}. The shop keeps selling
                      the bundles of the last good sync.
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="mt-3">
            <ActionButton action={syncAction} label="Sync now" fields={{}} variant="primary" />
          </div>
        </section>

        <section aria-labelledby="currencies-h" id="currencies" className="card mt-6 p-4">
          <h2 id="currencies-h" className="text-lg font-bold text-slate-900">
            Currencies
          </h2>
          <p className="text-sm text-slate-700">
            Prices in {currencies.base} are made by the pricing rules; the others are computed from them at the
            day&apos;s rate (plus the conversion buffer) and stored. A currency whose rate is older than{" "}
            {currencies.maxAgeDays} days stops selling until the source recovers or a rate is pinned.
          </p>
          {currencies.rows.length === 1 && (
            <p className="mt-2 text-sm text-slate-700">
              Only the base currency sells: set SHOP_CURRENCIES to add others.
            </p>
          )}
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="text-slate-600">
                  <th scope="col">Currency</th>
                  <th scope="col">Rate per 1 {currencies.base}</th>
                  <th scope="col">Rate of</th>
                  <th scope="col">Sells</th>
                  <th scope="col">Example</th>
                  <th scope="col">Pin</th>
                </tr>
              </thead>
              <tbody>
                {currencies.rows.map((c) => (
                  <tr
                    key={c.currency}
                    className="border-t border-slate-200 align-top"
                    data-testid={`currency-${c.currency}`}
                  >
                    <th scope="row" className="py-2 font-mono">
                      {c.currency}
                      {c.base ? " (base)" : ""}
                    </th>
                    <td className="py-2 font-mono">{c.rate ?? "—"}</td>
                    <td className="py-2">{c.pinned ? `pinned by ${c.pinnedBy ?? "an admin"}` : (c.asOf ?? "—")}</td>
                    <td className="py-2">
                      {c.selling ? (
                        "yes"
                      ) : (
                        <strong className="text-red-800">
                          {c.reason === "stale" ? "no — rate too old" : "no — no rate"}
                        </strong>
                      )}
                    </td>
                    <td className="py-2">{c.example ?? "—"}</td>
                    <td className="py-2">
                      {!c.base && (
                        <PinRateForm
                          action={pinRateAction}
                          currency={c.currency}
                          base={currencies.base}
                          pinned={c.pinned ? c.rate : null}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="pricing-h" className="card mt-6 p-4">
          <h2 id="pricing-h" className="text-lg font-bold text-slate-900">
            Pricing rules
          </h2>
          <p className="text-sm text-slate-700">
            {pricing.source === "saved"
              ? `Saved rules (version ${pricing.version}).`
              : "Defaults from the environment (nothing saved yet)."}{" "}
            Preview shows every price the save would write.
          </p>
          <form
            method="get"
            action="/admin/catalogue"
            className="mt-3 flex flex-wrap items-end gap-3"
            aria-label="Pricing rules"
          >
            <input type="hidden" name="preview" value="1" />
            <div>
              <label htmlFor="markup" className="field-label">
                Markup (%)
              </label>
              <input
                id="markup"
                name="markup"
                inputMode="numeric"
                defaultValue={asked && !asked.ok ? text(q.markup) : `${rules.markupPercent} %`}
                className="field w-28 py-2"
              />
            </div>
            <div>
              <label htmlFor="minMargin" className="field-label">
                Minimum margin ({rules.currency})
              </label>
              <input
                id="minMargin"
                name="minMargin"
                inputMode="decimal"
                defaultValue={
                  asked && !asked.ok ? text(q.minMargin) : minorToInputText(rules.minMarginMinor, rules.currency)
                }
                className="field w-36 py-2"
              />
            </div>
            <div>
              <label htmlFor="currency" className="field-label">
                Currency
              </label>
              <input
                id="currency"
                name="currency"
                defaultValue={rules.currency}
                maxLength={3}
                className="field w-24 py-2 uppercase"
              />
            </div>
            <div className="flex items-center gap-2 pb-2">
              <input
                id="charm"
                name="charm"
                type="checkbox"
                value="true"
                defaultChecked={rules.charm}
                className="size-4"
              />
              <label htmlFor="charm" className="text-sm text-slate-800">
                Round up to .99
              </label>
            </div>
            <button type="submit" className="btn-secondary">
              Preview
            </button>
          </form>
          {asked && !asked.ok && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {asked.error}
            </p>
          )}
          {preview && (
            <div className="mt-4" data-testid="pricing-preview">
              <p className="text-sm text-slate-800" role="status">
                {preview.changed} of {preview.total} prices change ({preview.up} up, {preview.down} down)
                {preview.skipped
                  ? `; ${preview.skipped} cannot be priced in ${rules.currency} and keep their price`
                  : ""}
                .
              </p>
              {preview.sample.length > 0 && (
                <DataTable
                  caption="Largest price changes"
                  className="mt-2"
                  card={false}
                  rows={preview.sample}
                  rowKey={(c) => c.name}
                  columns={[
                    { key: "bundle", header: "Bundle", className: "font-mono", cell: (c) => c.name },
                    {
                      key: "wholesale",
                      header: "Wholesale",
                      align: "right",
                      cell: (c) => formatMoney(c.wholesaleMinor, c.wholesaleCurrency),
                    },
                    { key: "now", header: "Now", align: "right", cell: (c) => formatMoney(c.currentMinor, c.currency) },
                    {
                      key: "after",
                      header: "After saving",
                      align: "right",
                      className: "font-semibold",
                      cell: (c) => formatMoney(c.nextMinor, c.currency),
                    },
                  ]}
                />
              )}
              <div className="mt-3">
                <ActionButton
                  action={savePricingAction}
                  label="Save these rules and reprice"
                  variant="primary"
                  fields={{
                    markup: `${rules.markupPercent} %`,
                    minMargin: minorToInputText(rules.minMarginMinor, rules.currency),
                    currency: rules.currency,
                    charm: String(rules.charm),
                    version: pricing.version,
                  }}
                />
              </div>
            </div>
          )}
        </section>

        <section aria-labelledby="bundles-h" className="mt-6">
          <h2 id="bundles-h" className="text-lg font-bold text-slate-900">
            Bundles
          </h2>
          <form method="get" action="/admin/catalogue" className="mt-2 flex items-end gap-3" aria-label="Find bundles">
            <div>
              <label htmlFor="bq" className="field-label">
                Bundle name, description or country code
              </label>
              <input id="bq" name="q" type="search" defaultValue={bundleSearch?.q} className="field py-2" />
            </div>
            <button type="submit" className="btn-secondary">
              Find
            </button>
          </form>
          <p className="mt-2 text-sm text-slate-600">
            {bundleSearch?.q
              ? `${bundleList.total} bundles match.`
              : "Featured and disabled bundles. Search to find others."}
          </p>
          <ul className="mt-3 space-y-2">
            {bundleList.rows.map((b) => (
              <li key={b.name} className="card flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
                <div>
                  <p className="font-semibold text-slate-900">{b.title}</p>
                  <p className="font-mono text-slate-600">
                    {b.name} · {formatMoney(b.priceMinor, b.currency)} (cost{" "}
                    {formatMoney(b.wholesaleMinor, b.wholesaleCurrency)})
                    {b.disabled ? " · disabled" : !b.active ? " · no longer sold by the provider" : ""}
                    {b.featured ? " · featured" : ""}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <ActionButton
                    action={bundleFlagAction}
                    label={b.featured ? "Unfeature" : "Feature"}
                    fields={{ name: b.name, flag: "featured", value: String(!b.featured) }}
                  />
                  <ActionButton
                    action={bundleFlagAction}
                    label={b.disabled ? "Enable" : "Disable"}
                    fields={{ name: b.name, flag: "disabled", value: String(!b.disabled) }}
                    variant={b.disabled ? "secondary" : "danger"}
                  />
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
