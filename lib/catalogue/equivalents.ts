// The shop lists the provider that earns more and keeps the other, inactive, as its fallback.
import type { NewBundle } from "@/lib/db/schema";

type Row = Pick<
  NewBundle,
  | "name"
  | "provider"
  | "countries"
  | "dataMb"
  | "unlimited"
  | "durationDays"
  | "priceMinor"
  | "wholesaleMinor"
  | "currency"
> & { active?: boolean | null; equivalenceKey?: string | null; fallbackBundle?: string | null };

/** Currency too: prices must compare. */
export function equivalenceKey(
  b: Pick<Row, "countries" | "dataMb" | "unlimited" | "durationDays" | "currency">,
): string {
  const countries = [...b.countries].map((c) => c.toUpperCase()).sort();
  const data = b.unlimited ? "unlimited" : `${b.dataMb}MB`;
  return `${countries.join(",")}|${data}|${b.durationDays}D|${b.currency.toUpperCase()}`;
}

const margin = (b: Row) => b.priceMinor - b.wholesaleMinor;

function better(a: Row, b: Row): number {
  return margin(b) - margin(a) || a.priceMinor - b.priceMinor || a.name.localeCompare(b.name);
}

export function routeEquivalents<T extends Row>(rows: T[]): { rows: T[]; shadowed: number } {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    row.equivalenceKey = equivalenceKey(row);
    row.fallbackBundle = null;
    const group = groups.get(row.equivalenceKey);
    if (group) group.push(row);
    else groups.set(row.equivalenceKey, [row]);
  }
  let shadowed = 0;
  for (const group of groups.values()) {
    if (new Set(group.map((r) => r.provider)).size < 2) continue;
    const ranked = group.filter((r) => r.active !== false).sort(better);
    const winner = ranked[0];
    if (!winner) continue;
    const fallback = ranked.find((r) => r.provider !== winner.provider) ?? null;
    for (const row of group) {
      if (row.provider === winner.provider) row.fallbackBundle = fallback?.name ?? null;
      else if (row.active !== false) {
        row.active = false;
        shadowed++;
      }
    }
  }
  return { rows, shadowed };
}
