// Our own few lines rather than a search library: it runs in the browser's type-ahead too.

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** None below four letters: "uk" must not find "us". */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

export function fuzzyDistance(query: string, names: readonly string[]): number | null {
  const budget = typoBudget(query.length);
  if (budget === 0) return null;
  let best = budget + 1;
  for (const name of names) {
    const words = name.split(/[^a-z0-9]+/).filter(Boolean);
    for (const candidate of [name, ...words]) {
      best = Math.min(best, editDistance(query, candidate, budget));
      for (let n = query.length - 1; n <= query.length + 1; n++)
        if (n >= 3 && n < candidate.length) best = Math.min(best, editDistance(query, candidate.slice(0, n), budget));
      if (best === 0) return 0;
    }
  }
  return best <= budget ? best : null;
}
