import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { bundles, type Partner } from "@/lib/db/schema";
import { bundleTitle } from "@/lib/catalogue/views";
import { partnerPrice } from "./pricing";

export async function partnerCatalogue(db: Db, partner: Partner, options: { country?: string } = {}) {
  const where = [eq(bundles.active, true), eq(bundles.currency, partner.currency)];
  if (options.country) where.push(sql`${options.country.toUpperCase()} = any(${bundles.countries})`);
  const rows = await db
    .select()
    .from(bundles)
    .where(and(...where))
    .orderBy(asc(bundles.name))
    .limit(5000);
  return rows.flatMap((b) => {
    const price = partnerPrice(partner, b);
    if (price === null) return [];
    return [
      {
        bundle: b.name,
        title: bundleTitle(b),
        scope: b.scope,
        countries: b.countries,
        dataMb: b.dataMb,
        unlimited: b.unlimited,
        durationDays: b.durationDays,
        price: { amountMinor: price, currency: partner.currency },
        retailPrice: { amountMinor: b.priceMinor, currency: b.currency },
      },
    ];
  });
}
