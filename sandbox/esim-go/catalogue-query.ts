// `GET /catalogue` filtering, ordering and paging, kept pure so it can be read (and tested) apart from HTTP.
import type { EsimGoBundle } from "../data/catalogue";

/** eSIM Go does not document a default page size; 50 keeps a default response small but useful. */
export const DEFAULT_PER_PAGE = 50;
/** Undocumented too. A cap makes clients page properly, as they must against the real (5,000+ row) catalogue. */
export const MAX_PER_PAGE = 1000;

const ORDER_BY: Record<string, (b: EsimGoBundle) => string | number> = {
  bundleName: (b) => b.name,
  name: (b) => b.name,
  dataAmount: (b) => b.dataAmount,
  duration: (b) => b.duration,
  price: (b) => b.price,
  autostart: (b) => Number(b.autostart),
  roamingEnabled: (b) => b.roamingEnabled.length,
};

export interface CataloguePage {
  bundles: EsimGoBundle[];
  pageCount: number;
  rows: number;
  pageSize: number;
}

function positiveInt(raw: string | null, fallback: number, field: string): number {
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${field} must be a positive integer`);
  return n;
}

/** `*` is eSIM Go's wildcard; without one, the text matches anywhere in the description (case-insensitive). */
function descriptionMatcher(pattern: string): (text: string) => boolean {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const re = new RegExp(pattern.includes("*") ? `^${body}$` : body, "i");
  return (text) => re.test(text);
}

/** Throws an Error whose message is the 400 body's `message`. */
export function queryCatalogue(all: EsimGoBundle[], q: URLSearchParams): CataloguePage {
  const page = positiveInt(q.get("page"), 1, "page");
  const perPage = Math.min(positiveInt(q.get("perPage"), DEFAULT_PER_PAGE, "perPage"), MAX_PER_PAGE);
  const direction = (q.get("direction") ?? "asc").toLowerCase();
  if (direction !== "asc" && direction !== "desc") throw new Error("direction must be asc or desc");
  const orderBy = q.get("orderBy");
  if (orderBy && !ORDER_BY[orderBy]) throw new Error(`orderBy must be one of ${Object.keys(ORDER_BY).join(", ")}`);

  let rows = all;
  const description = q.get("description");
  if (description) {
    const matches = descriptionMatcher(description);
    rows = rows.filter((b) => matches(b.description));
  }
  const group = q.get("group");
  if (group) rows = rows.filter((b) => b.groups.includes(group));
  // "Bundles that include at least one of the countries as their base country": a country's own bundles and
  // every regional or global bundle covering it.
  const countries = (q.get("countries") ?? "")
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (countries.length) rows = rows.filter((b) => b.countries.some((c) => countries.includes(c.iso)));
  const region = q.get("region")?.trim().toLowerCase();
  if (region) rows = rows.filter((b) => b.countries.some((c) => c.region.toLowerCase() === region));

  if (orderBy) {
    const key = ORDER_BY[orderBy]!;
    // Ties keep catalogue order, so paging through a sorted listing never skips or repeats a bundle.
    rows = rows
      .map((b, i) => ({ b, i }))
      .sort((x, y) => {
        const a = key(x.b);
        const c = key(y.b);
        return (a < c ? -1 : a > c ? 1 : 0) || x.i - y.i;
      })
      .map(({ b }) => b);
  }
  if (direction === "desc") rows = [...rows].reverse();

  const start = (page - 1) * perPage;
  return {
    bundles: rows.slice(start, start + perPage),
    pageCount: Math.ceil(rows.length / perPage),
    rows: rows.length,
    pageSize: perPage,
  };
}
