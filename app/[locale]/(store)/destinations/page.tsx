import type { Metadata } from "next";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { listDestinations } from "@/lib/catalogue/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DestinationSearchForm } from "@/components/catalogue/destination-search-form";
import { countryHref } from "@/lib/catalogue/hrefs";
import { ShownPrice } from "@/components/currency/shown-price";

export const metadata: Metadata = {
  title: "All destinations — travel eSIMs A–Z",
  description: "Every country we sell travel eSIM data plans for, A to Z, with the lowest price for each.",
  alternates: { canonical: "/destinations" },
  openGraph: { title: "All destinations — travel eSIMs A–Z · Tern", url: "/destinations" },
};

/** First letter for grouping, without accents ("Åland" files under A). */
function letterOf(name: string): string {
  return name.normalize("NFD").charAt(0).toUpperCase();
}

export default async function DestinationsPage() {
  // Per request from the cached catalogue: the build has no catalogue to prerender (see the home page).
  await connection();
  const destinations = await listDestinations();
  const groups = new Map<string, typeof destinations>();
  for (const d of destinations) {
    const letter = letterOf(d.name);
    groups.set(letter, [...(groups.get(letter) ?? []), d]);
  }

  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Destinations" }]} />
      <div className="mt-5 flex flex-col gap-6 md:flex-row md:items-end md:justify-between">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">All destinations</h1>
          <p className="mt-2 max-w-xl text-slate-600">
            {destinations.length} countries and territories, A–Z. Each includes its own plans plus the regional and
            global plans that cover it.
          </p>
        </div>
        <div className="w-full md:max-w-sm">
          <DestinationSearchForm inputId="destinations-search" label="Find a destination" />
        </div>
      </div>

      {groups.size > 0 && (
        <nav aria-label="Jump to letter" className="mt-8">
          <ul className="flex flex-wrap gap-1">
            {[...groups.keys()].map((letter) => (
              <li key={letter}>
                <a
                  href={`#letter-${letter}`}
                  className="flex h-9 w-9 items-center justify-center rounded-md border border-slate-200 text-sm font-semibold text-slate-700 hover:border-brand-600 hover:text-brand-800"
                >
                  {letter}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <div className="mt-8 space-y-10">
        {[...groups].map(([letter, list]) => (
          <section key={letter} aria-labelledby={`letter-${letter}`}>
            <h2
              id={`letter-${letter}`}
              className="scroll-mt-6 border-b border-slate-200 pb-2 text-xl font-bold text-slate-900"
            >
              {letter}
            </h2>
            <ul className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
              {list.map((d) => (
                <li key={d.iso}>
                  <Link href={countryHref(d.slug)} prefetch={false} className="dest-row">
                    <span className="flag text-2xl" aria-hidden="true">
                      {d.flag}
                    </span>
                    <span>{d.name}</span>
                    <span>
                      from <ShownPrice minor={d.fromPriceMinor} currency={d.currency} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>

      {destinations.length === 0 && (
        <p className="card mt-8 p-6 text-slate-600">Our plans are being loaded — please check back in a minute.</p>
      )}
    </div>
  );
}
