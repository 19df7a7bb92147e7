// The canonical query string of a filtered destination page. The GET filter form submits every field,
// defaults and blanks included ("?data=any&unlimited=&maxPrice=&sort=price"); the page redirects such URLs to
// the canonical form ("?duration=1-7"), so shared links, history and caches see one URL per result list.
import {
  filtersToSearchParams,
  parseCountryFilters,
  type ParsedCountryFilters,
  type SearchParamsInput,
} from "@/lib/catalogue/filters";

export const FILTER_KEYS = ["data", "duration", "unlimited", "maxPrice", "sort", "scope"] as const;

type RawParams = Record<string, string | string[] | undefined>;

/**
 * The filters in `searchParams`, and where to redirect when the URL is not already canonical (null when it
 * is). Parameters that are not filters (utm_source…) are carried over untouched.
 */
export function canonicalFilters(
  pathname: string,
  searchParams: RawParams,
): { filters: ParsedCountryFilters; redirectTo: string | null } {
  const filters = parseCountryFilters(searchParams as SearchParamsInput);
  const canonical = filtersToSearchParams(filters);
  const isCanonical = FILTER_KEYS.every((key) => {
    const given = searchParams[key];
    return (
      (given === undefined ? null : Array.isArray(given) ? (given.length === 1 ? given[0] : "\0") : given) ===
      canonical.get(key)
    );
  });
  if (isCanonical) return { filters, redirectTo: null };
  const query = new URLSearchParams(canonical);
  for (const [key, value] of Object.entries(searchParams)) {
    if ((FILTER_KEYS as readonly string[]).includes(key) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  }
  const qs = query.toString();
  return { filters, redirectTo: qs ? `${pathname}?${qs}` : pathname };
}

/** Whether the filters narrow or reorder the list at all (then the page offers "Clear filters"). */
export function hasActiveFilters(filters: ParsedCountryFilters): boolean {
  return filtersToSearchParams(filters).size > 0;
}

/**
 * Where a destination URL carrying filters should go: `/destinations/japan?sort=duration` (a hand-made or
 * old link) → `/destinations/japan/plans?sort=duration`, since the plain page is static and ignores its
 * query string. For the proxy to redirect with; null for every other URL.
 */
export function filteredViewLocation(url: URL): URL | null {
  const match = /^\/destinations\/([^/]+)\/?$/.exec(url.pathname);
  if (!match || !FILTER_KEYS.some((key) => url.searchParams.has(key))) return null;
  const target = new URL(url);
  target.pathname = `/destinations/${match[1]}/plans`;
  return target;
}
