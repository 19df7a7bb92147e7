import { asc, sql, type SQL } from "drizzle-orm";
import { bundles } from "@/lib/db/schema";
import type { CountryFilters } from "./filters";

// Wholesale cost stays in the database.
export const viewColumns = {
  name: bundles.name,
  description: bundles.description,
  scope: bundles.scope,
  country: bundles.country,
  region: bundles.region,
  countries: bundles.countries,
  dataMb: bundles.dataMb,
  unlimited: bundles.unlimited,
  durationDays: bundles.durationDays,
  speeds: bundles.speeds,
  priceMinor: bundles.priceMinor,
  currency: bundles.currency,
};

export const covers = (iso: string) => sql`${bundles.countries} @> ARRAY[${iso}]::text[]`;
const pricePerGb = sql`case when ${bundles.unlimited} or coalesce(${bundles.dataMb}, 0) <= 0 then null else ${bundles.priceMinor}::float8 * 1000 / ${bundles.dataMb} end`;

export function sortOrder(sort: NonNullable<CountryFilters["sort"]>): SQL[] {
  const ties = [
    sql`${bundles.unlimited} desc`,
    sql`${bundles.dataMb} desc nulls first`,
    asc(bundles.durationDays),
    asc(bundles.name),
  ];
  switch (sort) {
    case "price-per-gb":
      return [sql`${pricePerGb} asc nulls last`, asc(bundles.priceMinor), ...ties];
    case "duration":
      return [asc(bundles.durationDays), asc(bundles.priceMinor), ...ties];
    default:
      return [asc(bundles.priceMinor), ...ties];
  }
}
