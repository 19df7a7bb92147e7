// Networks and speeds per country on a plan page, from the provider's catalogue: what a traveller checks before
// buying ("does it use Docomo? is there 5G in Italy?"). Long lists (regional plans) start collapsed.
import type { BundleDetailView } from "@/lib/catalogue/views";

const LONG_LIST = 8;

const speedsLabel = (speeds: string[]) => (speeds.length > 0 ? speeds.join(" / ") : "speed not stated");

export function PlanNetworks({ bundle }: { bundle: BundleDetailView }) {
  if (bundle.networks.length === 0) return null;
  const list = (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200" data-testid="plan-networks">
      {bundle.networks.map((c) => (
        <li key={c.iso} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-baseline sm:gap-4">
          <span className="font-medium text-slate-900 sm:w-48 sm:shrink-0">
            <span className="flag mr-2" aria-hidden="true">
              {c.flag}
            </span>
            {c.name}
          </span>
          <span className="min-w-0 text-slate-700">
            {c.networks.map((n) => `${n.name ?? "Local networks"} (${speedsLabel(n.speeds)})`).join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="networks-heading" className="mt-10">
      <h2 id="networks-heading" className="text-xl font-semibold text-slate-900">
        Networks and speeds
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The eSIM connects to the strongest of these networks where you are; speeds are the best each network offers on
        this plan.
      </p>
      <div className="mt-4">
        {bundle.networks.length > LONG_LIST ? (
          <details className="rounded-xl border border-slate-200 p-4">
            <summary className="font-medium text-brand-700 hover:text-brand-900">
              Show networks in all {bundle.networks.length} countries
            </summary>
            <div className="mt-4">{list}</div>
          </details>
        ) : (
          list
        )}
      </div>
    </section>
  );
}
