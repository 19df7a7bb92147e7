// Which mobile networks a plan uses in each country it covers, and at what speeds — what a traveller checks
// before buying ("will it work on Docomo? is there 5G?"). Stored per bundle at sync from the providers'
// catalogue data: eSIM Go names networks per country (`countries[].networks`), Zendit lists only speeds per
// country (`roaming[].dataSpeeds`), so a network's name may be unknown.
import type { CatalogueEntry } from "@/lib/providers/types";

interface PlanNetwork {
  /** The operator's name; null when the provider gives only speeds for the country. */
  name: string | null;
  /** e.g. ["4G", "5G"], slowest first. */
  speeds: string[];
}

export interface CountryNetworks {
  /** ISO 3166-1 alpha-2, upper case. */
  iso: string;
  networks: PlanNetwork[];
}

const GENERATIONS = ["2G", "3G", "4G", "LTE", "5G"];

/** Upper-cased, de-duplicated, slowest first ("LTE" sorts as 4G). */
export function normaliseSpeeds(speeds: readonly unknown[] | null | undefined): string[] {
  const clean = [...new Set((speeds ?? []).map((s) => String(s).trim().toUpperCase()).filter(Boolean))];
  const rank = (s: string) => (GENERATIONS.includes(s) ? GENERATIONS.indexOf(s) : GENERATIONS.length);
  return clean.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** From eSIM Go's bundle: each covered country's named networks (countries without any are left out). */
export function networksFromCountries(countries: CatalogueEntry["countries"]): CountryNetworks[] {
  const out: CountryNetworks[] = [];
  for (const c of countries ?? []) {
    const iso = (c.iso ?? "").trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(iso)) continue;
    const networks = (c.networks ?? [])
      .map((n) => ({ name: (n.brandName ?? n.name ?? "").trim() || null, speeds: normaliseSpeeds(n.speeds) }))
      .filter((n) => n.name || n.speeds.length > 0);
    if (networks.length > 0) out.push({ iso, networks });
  }
  return out.sort((a, b) => a.iso.localeCompare(b.iso));
}

/** The fastest generation a plan reaches in a country, e.g. "5G"; null when unknown. */
export function topSpeed(networks: PlanNetwork[]): string | null {
  const all = normaliseSpeeds(networks.flatMap((n) => n.speeds));
  return all.at(-1) ?? null;
}
