// Ranking for the destination type-ahead. Runs in the browser, so it must stay tiny and dependency-free
// (no country tables here: the entries arrive from the server with their names and keywords).
import { fuzzyDistance } from "@/lib/catalogue/fuzzy";

export interface SearchEntry {
  label: string;
  href: string;
  kind: string;
  /** Other names, ISO codes, region members — whatever else should find this entry. */
  keywords: string[] | string;
  flag?: string;
}

/** Lower case without accents, so "cote" finds "Côte d'Ivoire" and "JAP" finds "Japan". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
}

interface Prepared {
  entry: SearchEntry;
  label: string;
  words: string[];
  keywords: string[];
}

/** Fold every entry once, when the index arrives, rather than on each keystroke. */
export function prepareEntries(entries: SearchEntry[]): Prepared[] {
  return entries.map((entry) => {
    const label = fold(entry.label);
    const raw = Array.isArray(entry.keywords) ? entry.keywords : entry.keywords.split(/[\s,]+/);
    return { entry, label, words: label.split(/[^a-z0-9]+/).filter(Boolean), keywords: raw.map(fold).filter(Boolean) };
  });
}

/**
 * Best matches first: the name starts with the query, then a later word of the name does ("kong" → Hong
 * Kong), then another name or code does ("uk", "holland"), then the name merely contains it; when
 * nothing does, names within a typo or two of it ("japn").
 */
export function matchEntries(prepared: Prepared[], query: string, limit = 8): SearchEntry[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { entry: SearchEntry; score: number; label: string }[] = [];
  const fuzzy: typeof scored = [];
  for (const p of prepared) {
    let score: number;
    if (p.label === q || p.keywords.includes(q)) score = 0;
    else if (p.label.startsWith(q)) score = 1;
    else if (p.words.some((w) => w.startsWith(q))) score = 2;
    else if (p.keywords.some((k) => k.startsWith(q))) score = 3;
    else if (q.length >= 3 && p.label.includes(q)) score = 4;
    else {
      // A typo ("japn"), closer spellings first; used only when nothing matches as typed.
      // A near-miss of the name itself ranks above one of another name or code at the same distance.
      const byName = fuzzyDistance(q, [p.label]);
      const typos = byName ?? fuzzyDistance(q, p.keywords);
      if (typos !== null)
        fuzzy.push({ entry: p.entry, score: 4 + typos + (byName === null ? 0.5 : 0), label: p.label });
      continue;
    }
    scored.push({ entry: p.entry, score, label: p.label });
  }
  if (scored.length === 0) scored.push(...fuzzy);
  scored.sort((a, b) => a.score - b.score || a.label.length - b.label.length || a.label.localeCompare(b.label));
  return scored.slice(0, limit).map((s) => s.entry);
}
