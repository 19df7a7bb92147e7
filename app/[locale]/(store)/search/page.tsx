import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { localizedPath } from "@/lib/i18n/paths";
import { Link } from "@/lib/i18n/navigation";
import { ButtonLink } from "@/components/ui/button";
import { redirect } from "next/navigation";
import { getCountry, getRegion } from "@/lib/catalogue/queries";
import { searchDestinations, type SearchEntry } from "@/lib/catalogue/search";
import { normaliseRegion, resolveCountryParam } from "@/lib/catalogue/countries";
import { countryHref, destinationsHref, regionHref, regionsHref } from "@/lib/catalogue/hrefs";
import { DestinationSearchForm } from "@/components/catalogue/destination-search-form";
import { fold } from "@/components/catalogue/search-match";

interface Props {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.search" });
  return { title: t("metaTitle"), robots: { index: false, follow: true } };
}

/** The result to go straight to: the only one, or one whose name is exactly what was typed. */
function exactMatch(q: string, results: SearchEntry[]): SearchEntry | undefined {
  if (results.length === 1) return results[0];
  const typed = fold(q);
  return results.find((e) => fold(e.label) === typed);
}

// GET /search?q=… — the home page's search form without JavaScript lands here.
export default async function SearchPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.search" });
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) ?? "";
  if (q) {
    // Anything the destination URLs themselves accept goes straight there: ISO codes ("jp", "GBR"), other
    // English names ("UK", "Holland"), region names and provider spellings ("EU", "LATAM"). Resolved
    // without the database first, so free text never becomes a cached lookup of its own.
    const [country, region] = await Promise.all([
      resolveCountryParam(q) ? getCountry(q) : null,
      normaliseRegion(q) ? getRegion(q) : null,
    ]);
    if (country) redirect(localizedPath(locale, countryHref(country.slug)));
    if (region) redirect(localizedPath(locale, regionHref(region.slug)));
  }
  const results = q ? await searchDestinations(q, locale) : [];
  const exact = q ? exactMatch(q, results) : undefined;
  if (exact) redirect(localizedPath(locale, exact.href));

  return (
    <div className="container-page py-10 sm:py-14">
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">
          {q ? t("results", { query: q }) : t("heading")}
        </h1>
        <div className="mt-6">
          <DestinationSearchForm inputId="search-page-input" defaultValue={q} label={t("again")} />
        </div>

        {q && results.length > 0 && (
          <section aria-labelledby="results-heading" className="mt-10">
            <h2 id="results-heading" className="text-lg font-semibold text-slate-900">
              {t("found", { count: results.length })}
            </h2>
            <ul
              className="mt-4 divide-y divide-slate-200 rounded-[var(--radius-card)] border border-slate-200"
              data-testid="search-results"
            >
              {results.map((r) => (
                <li key={r.href}>
                  <Link href={r.href} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50">
                    <span className="flag w-7 text-2xl" aria-hidden="true">
                      {r.flag ?? "🌍"}
                    </span>
                    <span className="font-medium text-slate-900">{r.label}</span>
                    <span className="ml-auto text-sm text-slate-600">{t("kind", { kind: r.kind })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}

        {q && results.length === 0 && (
          <div
            className="mt-10 rounded-[var(--radius-card)] border border-slate-200 bg-slate-50 p-6"
            data-testid="no-results"
          >
            <h2 className="text-lg font-semibold text-slate-900">{t("noResults", { query: q })}</h2>
            <p className="mt-2 text-slate-600">{t("noResultsBody")}</p>
            <div className="mt-4 flex flex-wrap gap-3">
              <ButtonLink href={destinationsHref} variant="secondary">
                {t("all")}
              </ButtonLink>
              <ButtonLink href={regionsHref} variant="secondary">
                {t("regions")}
              </ButtonLink>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
