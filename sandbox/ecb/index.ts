// The European Central Bank's euro foreign exchange reference rates: one XML document, published on each
// TARGET working day around 16:00 CET, no key, no account. Same path and shape as
// https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml: rates are per 1 EUR, EUR itself is not
// listed, and the `time` attribute is the day the rates are for (yesterday's on a weekend morning).
import type { SandboxApp } from "../server";
import { sendJson, sendText } from "../core/http";
import { parseJson } from "../control";

interface EcbState {
  /** `YYYY-MM-DD`, or null: the latest working day as of now. */
  date: string | null;
  rates: Record<string, string>;
}

// A plausible day's table (decimal strings, as published: 4–5 significant digits).
const DEFAULT_RATES: Record<string, string> = {
  USD: "1.0850",
  JPY: "163.20",
  GBP: "0.84610",
  AUD: "1.6420",
  CAD: "1.4780",
  CHF: "0.9540",
  SEK: "11.385",
  NOK: "11.620",
  DKK: "7.4590",
  PLN: "4.2950",
  CZK: "25.010",
  HUF: "395.40",
  NZD: "1.7930",
  SGD: "1.4610",
  HKD: "8.4710",
  KRW: "1478.50",
  INR: "90.520",
  MXN: "18.650",
  BRL: "5.9510",
  ZAR: "19.870",
};

const fresh = (): EcbState => ({ date: null, rates: { ...DEFAULT_RATES } });

/** The latest weekday on or before `now` (the ECB publishes no rates at weekends). */
export function latestWorkingDay(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function eurofxrefXml(date: string, rates: Record<string, string>): string {
  const cubes = Object.entries(rates)
    .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='${date}'>
${cubes}
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>
`;
}

export function registerEcb(app: SandboxApp): void {
  const state = () => app.store.ns<EcbState>("ecb", fresh);
  const ecb = app.router.service({ name: "ecb", prefix: "/ecb" });

  ecb.route("GET", "/stats/eurofxref/eurofxref-daily.xml", ({ res }) => {
    const s = state();
    sendText(res, 200, eurofxrefXml(s.date ?? latestWorkingDay(new Date()), s.rates), "text/xml");
  });

  // Tests and demos: { "date": "2026-11-02" } publishes an old table (a stale source), { "date": null } follows
  // the calendar again; { "rates": { "JPY": "170.10" } } moves rates.
  app.control("GET", "/ecb", ({ res }) => sendJson(res, 200, state()));
  app.control("POST", "/ecb", ({ res, body }) => {
    const input = parseJson<{ date?: string | null; rates?: Record<string, string> }>(body);
    const s = state();
    if (input.date !== undefined) {
      if (input.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.date))
        return sendJson(res, 400, { error: "date must be YYYY-MM-DD or null" });
      s.date = input.date;
    }
    for (const [currency, rate] of Object.entries(input.rates ?? {})) {
      if (!/^[A-Z]{3}$/.test(currency) || !/^\d+(\.\d+)?$/.test(rate))
        return sendJson(res, 400, { error: `bad rate ${currency}=${rate}` });
      s.rates[currency] = rate;
    }
    app.store.touch("ecb");
    sendJson(res, 200, s);
  });
}
