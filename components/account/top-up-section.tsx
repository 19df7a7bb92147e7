// "Add data": the compatible bundles for this eSIM, each a one-button form into Stripe Checkout.
// Streams in under Suspense: the compatibility checks call eSIM Go, and the rest of the page must not wait.
import { Suspense } from "react";
import { getDb } from "@/lib/db";
import { topUpOptions } from "@/lib/accounts/topup";
import type { Viewer } from "@/lib/accounts/queries";
import type { EsimDisplayStatus } from "@/lib/usage/figures";
import { formatMoney } from "@/lib/format";
import { topUpAction } from "@/app/(account)/account/esims/[iccid]/actions";

const ERRORS: Record<string, string> = {
  not_compatible: "That plan can't be added to this eSIM. Please pick another one.",
  bundle_unavailable: "That plan is no longer available. Please pick another one.",
  price_changed: "That plan's price just changed. Please check and try again.",
  temporarily_unavailable: "We can't start the checkout right now. Please try again in a moment.",
};

export function TopUpSection({
  iccid,
  status,
  viewer,
  error,
}: {
  iccid: string;
  status: EsimDisplayStatus;
  viewer: Viewer;
  error?: string;
}) {
  return (
    <section id="top-up" aria-labelledby="top-up-heading" className="card scroll-mt-6 p-5">
      <h2 id="top-up-heading" className="text-lg font-bold text-slate-900">
        Add data
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {status === "expired" || status === "depleted"
          ? "Top up to get this eSIM going again. No new QR code: the data goes onto the eSIM you have."
          : "Buy another plan for this eSIM. It is added to the same eSIM — nothing new to install."}
      </p>
      {error ? (
        <p role="alert" className="mt-3 text-sm font-medium text-red-700">
          {ERRORS[error] ?? "We could not start the top-up. Please try again."}
        </p>
      ) : null}
      <Suspense fallback={<p className="mt-4 text-sm text-slate-600">Finding plans that fit this eSIM…</p>}>
        <TopUpOptions iccid={iccid} viewer={viewer} />
      </Suspense>
    </section>
  );
}

async function TopUpOptions({ iccid, viewer }: { iccid: string; viewer: Viewer }) {
  const options = await topUpOptions(await getDb(), iccid, viewer);
  if (!options || options.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">No top-ups are available for this eSIM right now.</p>;
  }
  return (
    <ul className="mt-4 space-y-2" data-testid="top-up-options">
      {options.map((o) => (
        <li key={o.name}>
          <form
            action={topUpAction}
            className="flex items-center justify-between gap-3 rounded-lg border border-slate-200 p-3"
          >
            <input type="hidden" name="iccid" value={iccid} />
            <input type="hidden" name="bundle" value={o.name} />
            <span className="text-sm">
              <span className="block font-medium text-slate-900">{o.title}</span>
              <span className="text-slate-600">{formatMoney(o.priceMinor, o.currency)}</span>
            </span>
            <button
              type="submit"
              className="btn-primary px-3 py-2 text-sm"
              aria-label={`Top up with ${o.title} for ${formatMoney(o.priceMinor, o.currency)}`}
            >
              Top up
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
