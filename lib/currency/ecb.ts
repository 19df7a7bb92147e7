// ECB daily euro reference rates. Rates stay decimal strings: only ever used in exact integer arithmetic.

export interface RateTable {
  date: string;
  perEur: Record<string, string>;
}

export class RateSourceError extends Error {
  name = "RateSourceError";
}

const DAY = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]\s*>/;
const RATE = /<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"](\d+(?:\.\d+)?)['"]\s*\/>/g;

export function parseEurofxref(xml: string): RateTable {
  const day = DAY.exec(xml);
  if (!day) throw new RateSourceError("no dated rate table in the ECB document");
  const perEur: Record<string, string> = { EUR: "1" };
  for (const [, currency, rate] of xml.matchAll(RATE)) {
    if (!/[1-9]/.test(rate!)) throw new RateSourceError(`rate of ${currency} is zero`);
    perEur[currency!] = rate!;
  }
  if (Object.keys(perEur).length === 1) throw new RateSourceError("the ECB document lists no rates");
  return { date: day[1]!, perEur };
}

export async function fetchEcbRates(url: string, fetchImpl: typeof fetch = fetch): Promise<RateTable> {
  const res = await fetchImpl(url, {
    headers: { accept: "text/xml, application/xml" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new RateSourceError(`ECB rates answered ${res.status}`);
  return parseEurofxref(await res.text());
}
