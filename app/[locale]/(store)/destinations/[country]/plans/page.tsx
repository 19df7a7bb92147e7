import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { redirect } from "@/lib/i18n/navigation";
import { DestinationPlans } from "@/components/catalogue/destination-plans";
import { destinationMetadata, loadDestination } from "../destination-data";
import { canonicalFilters } from "../filter-url";
import { countryHref, countryPlansHref } from "@/lib/catalogue/hrefs";

interface Props {
  params: Promise<{ locale: string; country: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// GET /destinations/[country]/plans?data=…&duration=…&unlimited=…&maxPrice=…&sort=…&scope=… — the filter
// form's target. Rendered per request (it reads the query string) from one cached read per filter
// combination. The canonicalising redirect below is a real 307 because nothing has streamed before it (see
// ../page.tsx on why there is no loading.tsx).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  return destinationMetadata((await params).country, { filtered: true, locale });
}

export default async function FilteredDestinationPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const [{ country }, query] = await Promise.all([params, searchParams]);
  const base = countryHref(country);
  const { filters, redirectTo } = canonicalFilters(countryPlansHref(country), query);
  // No filters left (the form submitted only defaults): the plain, cached page shows the same list.
  if (redirectTo === countryPlansHref(country)) return redirect({ href: base, locale });
  if (redirectTo) return redirect({ href: redirectTo, locale });
  if (Object.keys(query).length === 0) return redirect({ href: base, locale });
  return <DestinationPlans {...await loadDestination(country, filters)} />;
}
