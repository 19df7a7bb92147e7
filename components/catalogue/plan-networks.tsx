// Networks and speeds per country on a plan page, from the provider's catalogue: what a traveller checks before
// buying ("does it use Docomo? is there 5G in Italy?"). Long lists (regional plans) start collapsed.
import { useLocale, useTranslations } from "next-intl";
import type { BundleDetailView } from "@/lib/catalogue/views";
import { localCountryName } from "@/lib/catalogue/countries";
import { localeOr } from "@/lib/i18n/locales";

const LONG_LIST = 8;

export function PlanNetworks({ bundle }: { bundle: BundleDetailView }) {
  const t = useTranslations("store.networks");
  const locale = localeOr(useLocale());
  const speedsLabel = (speeds: string[]) => (speeds.length > 0 ? speeds.join(" / ") : t("noSpeed"));
  if (bundle.networks.length === 0) return null;
  const list = (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200" data-testid="plan-networks">
      {bundle.networks.map((c) => (
        <li key={c.iso} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-baseline sm:gap-4">
          <span className="font-medium text-slate-900 sm:w-48 sm:shrink-0">
            <span className="flag mr-2" aria-hidden="true">
              {c.flag}
            </span>
            {locale === "en" ? c.name : localCountryName(c.iso, locale)}
          </span>
          <span className="min-w-0 text-slate-700">
            {c.networks.map((n) => `${n.name ?? t("local")} (${speedsLabel(n.speeds)})`).join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="networks-heading" className="mt-10">
      <h2 id="networks-heading" className="text-xl font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-4">
        {bundle.networks.length > LONG_LIST ? (
          <details className="rounded-xl border border-slate-200 p-4">
            <summary className="font-medium text-brand-700 hover:text-brand-900">
              {t("showAll", { count: bundle.networks.length })}
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
