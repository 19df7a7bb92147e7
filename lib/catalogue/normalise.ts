import type { CatalogueEntry, WholesaleOffer } from "@/lib/providers/types";
import type { NewBundle } from "@/lib/db/schema";
import { normaliseRegion, slugify } from "./countries";
import { toMinorUnits } from "@/lib/format";
import { retailPrice, type PricingRules } from "./pricing";
import { networksFromCountries } from "./networks";

export interface NormaliseContext {
  provider: string;
  wholesaleCurrency: string;
  rules: PricingRules;
  syncedAt: Date;
}

type NormaliseResult = { ok: true; row: NewBundle } | { ok: false; name: string; reason: string };

const NOT_A_PLACE = [/^esim$/i, /^\d+(\.\d+)?\s*(gb|mb)$/i, /^unlimited\b/i, /^\d+\s*days?$/i, /^v\d+$/i];

export function descriptionLabel(description: string): string {
  return description
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p && !NOT_A_PLACE.some((re) => re.test(p)))
    .join(", ");
}

function nameZone(name: string): string | undefined {
  const parts = name.split("_");
  const last = parts.at(-1);
  return last && /^V\d+$/i.test(last) ? parts.at(-2) : undefined;
}

export function classifyMultiCountry(b: Pick<CatalogueEntry, "name" | "description" | "countries">): {
  scope: "regional" | "global";
  region: string;
} {
  const label = descriptionLabel(b.description ?? "");
  const named = (label && normaliseRegion(label)) || normaliseRegion(nameZone(b.name) ?? "");
  if (named) return named === "global" ? { scope: "global", region: "global" } : { scope: "regional", region: named };

  const counts = new Map<string, number>();
  for (const c of b.countries ?? []) {
    const r = normaliseRegion(c.region ?? "");
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const total = b.countries?.length ?? 0;
  const [top, topCount = 0] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? [];
  if (top && topCount / total >= 0.75) return { scope: "regional", region: top };
  if (counts.size >= 3) return { scope: "global", region: "global" };
  return { scope: "regional", region: slugify(label || b.name) || "multi-country" };
}

export function normaliseBundle(b: CatalogueEntry, ctx: NormaliseContext): NormaliseResult {
  const name = typeof b.name === "string" ? b.name.trim() : "";
  const invalid = (reason: string): NormaliseResult => ({ ok: false, name: name || "(unnamed)", reason });
  if (!name) return invalid("no name");

  const countries = [...new Set((b.countries ?? []).map((c) => (c.iso ?? "").trim().toUpperCase()))]
    .filter((iso) => /^[A-Z]{2}$/.test(iso))
    .sort();
  if (countries.length === 0) return invalid("no countries");

  const durationDays = Number(b.duration);
  if (!Number.isInteger(durationDays) || durationDays <= 0) return invalid(`bad duration ${b.duration}`);

  // eSIM Go marks unlimited bundles with unlimited:true and dataAmount -1.
  const unlimited = b.unlimited === true || b.dataAmount === -1;
  const dataMb = unlimited ? null : Math.round(Number(b.dataAmount));
  if (!unlimited && !(dataMb && dataMb > 0)) return invalid(`bad dataAmount ${b.dataAmount}`);

  if (typeof b.price !== "number" || !(b.price > 0)) return invalid(`bad price ${b.price}`);
  const wholesaleMinor = toMinorUnits(b.price, ctx.wholesaleCurrency);
  if (wholesaleMinor <= 0) return invalid(`price ${b.price} rounds to nothing`);
  const retail = retailPrice({ amountMinor: wholesaleMinor, currency: ctx.wholesaleCurrency }, ctx.rules);

  const where =
    countries.length === 1
      ? { scope: "country" as const, country: countries[0]!, region: null }
      : { ...classifyMultiCountry(b), country: null };

  return {
    ok: true,
    row: {
      name,
      provider: ctx.provider,
      description: (b.description ?? name).trim(),
      scope: where.scope,
      countries,
      country: where.country,
      region: where.region,
      dataMb,
      unlimited,
      durationDays,
      speeds: [...new Set((b.speed ?? []).map((s) => String(s).toUpperCase()))],
      autostart: b.autostart ?? true,
      networks: networksFromCountries(b.countries),
      wholesaleMinor,
      wholesaleCurrency: ctx.wholesaleCurrency.toUpperCase(),
      priceMinor: retail.amountMinor,
      currency: retail.currency,
      active: true,
      syncedAt: ctx.syncedAt,
    },
  };
}

function placeArea(area: { code: string; regions: string[] }, name: string) {
  const named = normaliseRegion(area.code) ?? (area.regions.length === 1 ? normaliseRegion(area.regions[0]!) : null);
  if (named === "global" || (!named && area.regions.length >= 3)) return { scope: "global" as const, region: "global" };
  return {
    scope: "regional" as const,
    region: named ?? (slugify(area.code || area.regions[0] || name) || "multi-country"),
  };
}

export function bundleFromOffer(
  offer: WholesaleOffer,
  ctx: { provider: string; rules: PricingRules; syncedAt: Date },
): NewBundle {
  const retail = retailPrice({ amountMinor: offer.wholesaleMinor, currency: offer.wholesaleCurrency }, ctx.rules);
  const where = offer.area
    ? { ...placeArea(offer.area, offer.name), country: null }
    : { scope: "country" as const, country: offer.countries[0]!, region: null };
  return {
    name: offer.name,
    provider: ctx.provider,
    description: offer.description,
    scope: where.scope,
    countries: offer.countries,
    country: where.country,
    region: where.region,
    dataMb: offer.dataMb,
    unlimited: offer.unlimited,
    durationDays: offer.durationDays,
    speeds: offer.speeds,
    autostart: offer.autostart,
    networks: offer.networks ?? [],
    wholesaleMinor: offer.wholesaleMinor,
    wholesaleCurrency: offer.wholesaleCurrency,
    priceMinor: retail.amountMinor,
    currency: retail.currency,
    active: true,
    syncedAt: ctx.syncedAt,
  };
}
