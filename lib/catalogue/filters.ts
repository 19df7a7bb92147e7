import { z } from "zod";

export const DATA_FILTERS = [
  { value: "any", label: "Any amount" },
  // Boundaries leave no gaps: "1-3" includes 500 MB plans, "20+" includes unlimited.
  { value: "1-3", label: "Up to 3 GB" },
  { value: "5-10", label: "5–10 GB" },
  { value: "20+", label: "20 GB or more" },
] as const;

export const DURATION_FILTERS = [
  { value: "any", label: "Any length" },
  { value: "1-7", label: "Up to a week" },
  { value: "8-15", label: "8–15 days" },
  { value: "16-30", label: "16–30 days" },
  { value: "30+", label: "Over 30 days" },
] as const;

export const UNLIMITED_FILTERS = [
  { value: "only", label: "Unlimited only" },
  { value: "exclude", label: "Fixed data only" },
] as const;

export const SORT_OPTIONS = [
  { value: "price", label: "Lowest price" },
  { value: "price-per-gb", label: "Best value per GB" },
  { value: "duration", label: "Shortest first" },
] as const;

export const SCOPE_FILTERS = [
  { value: "all", label: "All plans" },
  { value: "country", label: "This country only" },
  { value: "regional", label: "Regional & global" },
] as const;

type ValueOf<T extends readonly { value: string }[]> = T[number]["value"];
type DataFilter = ValueOf<typeof DATA_FILTERS>;
type DurationFilter = ValueOf<typeof DURATION_FILTERS>;
type UnlimitedFilter = ValueOf<typeof UNLIMITED_FILTERS>;
type SortOption = ValueOf<typeof SORT_OPTIONS>;
type ScopeFilter = ValueOf<typeof SCOPE_FILTERS>;

export interface CountryFilters {
  data?: DataFilter;
  duration?: DurationFilter;
  unlimited?: UnlimitedFilter;
  maxPrice?: number;
  sort?: SortOption;
  scope?: ScopeFilter;
}

export const DEFAULT_FILTERS = {
  data: "any",
  duration: "any",
  sort: "price",
  scope: "all",
} as const satisfies CountryFilters;

export const DATA_RANGES: Record<
  Exclude<DataFilter, "any">,
  { minMbExclusive: number; maxMb: number | null; unlimited: boolean }
> = {
  "1-3": { minMbExclusive: 0, maxMb: 3000, unlimited: false },
  "5-10": { minMbExclusive: 3000, maxMb: 10_000, unlimited: false },
  "20+": { minMbExclusive: 10_000, maxMb: null, unlimited: true },
};

export const DURATION_RANGES: Record<Exclude<DurationFilter, "any">, { min: number; max: number | null }> = {
  "1-7": { min: 1, max: 7 },
  "8-15": { min: 8, max: 15 },
  "16-30": { min: 16, max: 30 },
  "30+": { min: 31, max: null },
};

const values = <T extends readonly { value: string }[]>(list: T) =>
  list.map((o) => o.value) as [ValueOf<T>, ...ValueOf<T>[]];

// One bad parameter never discards the others, and nothing throws.
const schema = z.object({
  data: z.enum(values(DATA_FILTERS)).catch(DEFAULT_FILTERS.data),
  duration: z.enum(values(DURATION_FILTERS)).catch(DEFAULT_FILTERS.duration),
  unlimited: z.enum(values(UNLIMITED_FILTERS)).optional().catch(undefined),
  maxPrice: z.coerce.number().positive().max(1_000_000).optional().catch(undefined),
  sort: z.enum(values(SORT_OPTIONS)).catch(DEFAULT_FILTERS.sort),
  scope: z.enum(values(SCOPE_FILTERS)).catch(DEFAULT_FILTERS.scope),
});

export type ParsedCountryFilters = Required<Pick<CountryFilters, "data" | "duration" | "sort" | "scope">> &
  CountryFilters;

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseCountryFilters(input: SearchParamsInput): ParsedCountryFilters {
  const get = (key: string): string | undefined => {
    const v = input instanceof URLSearchParams ? input.get(key) : input[key];
    const first = Array.isArray(v) ? v[0] : v;
    return first === null || first === undefined || first.trim() === "" ? undefined : first.trim();
  };
  const parsed = schema.parse({
    data: get("data"),
    duration: get("duration"),
    unlimited: get("unlimited"),
    maxPrice: get("maxPrice"),
    sort: get("sort"),
    scope: get("scope"),
  });
  const filters: ParsedCountryFilters = {
    data: parsed.data,
    duration: parsed.duration,
    sort: parsed.sort,
    scope: parsed.scope,
  };
  if (parsed.unlimited) filters.unlimited = parsed.unlimited;
  if (parsed.maxPrice !== undefined) filters.maxPrice = parsed.maxPrice;
  return filters;
}

export function filtersToSearchParams(filters: CountryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.data && filters.data !== DEFAULT_FILTERS.data) params.set("data", filters.data);
  if (filters.duration && filters.duration !== DEFAULT_FILTERS.duration) params.set("duration", filters.duration);
  if (filters.unlimited) params.set("unlimited", filters.unlimited);
  if (filters.maxPrice !== undefined && filters.maxPrice > 0) params.set("maxPrice", String(filters.maxPrice));
  if (filters.sort && filters.sort !== DEFAULT_FILTERS.sort) params.set("sort", filters.sort);
  if (filters.scope && filters.scope !== DEFAULT_FILTERS.scope) params.set("scope", filters.scope);
  return params;
}
