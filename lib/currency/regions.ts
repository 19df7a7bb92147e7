// Only a default: the visitor's own pick always wins.

const EURO = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK".split(" ");

const REGION_CURRENCY: Record<string, string> = {
  ...Object.fromEntries(EURO.map((r) => [r, "EUR"])),
  US: "USD",
  GB: "GBP",
  JP: "JPY",
  AU: "AUD",
  CA: "CAD",
  CH: "CHF",
  NZ: "NZD",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  PL: "PLN",
  CZ: "CZK",
  HU: "HUF",
  SG: "SGD",
  HK: "HKD",
  KR: "KRW",
  IN: "INR",
  MX: "MXN",
  BR: "BRL",
  ZA: "ZAR",
};

const LANGUAGE_CURRENCY: Record<string, string> = { ja: "JPY", de: "EUR", fr: "EUR", it: "EUR", es: "EUR", nl: "EUR" };

export function currencyForLanguages(tags: readonly string[], selling: readonly string[], base: string): string {
  for (const tag of tags) {
    const [language, ...rest] = tag.trim().split(/[-_]/);
    const region = rest.find((p) => /^[A-Za-z]{2}$/.test(p))?.toUpperCase();
    const c = (region && REGION_CURRENCY[region]) || LANGUAGE_CURRENCY[(language ?? "").toLowerCase()];
    if (c && selling.includes(c)) return c;
  }
  return base;
}

export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => t.tag);
}

export const CURRENCY_COOKIE = "tern_currency";
