// eSIM Go names networks per country, Zendit only speeds, so a network's name may be unknown.
import type { CatalogueEntry } from "@/lib/providers/types";

interface PlanNetwork {
  name: string | null;
  speeds: string[];
}

export interface CountryNetworks {
  iso: string;
  networks: PlanNetwork[];
}

const GENERATIONS = ["2G", "3G", "4G", "LTE", "5G"];

export function normaliseSpeeds(speeds: readonly unknown[] | null | undefined): string[] {
  const clean = [...new Set((speeds ?? []).map((s) => String(s).trim().toUpperCase()).filter(Boolean))];
  const rank = (s: string) => (GENERATIONS.includes(s) ? GENERATIONS.indexOf(s) : GENERATIONS.length);
  return clean.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

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

export function topSpeed(networks: PlanNetwork[]): string | null {
  const all = normaliseSpeeds(networks.flatMap((n) => n.speeds));
  return all.at(-1) ?? null;
}
