// Regenerates sandbox/data/countries.json, the destinations the sandbox catalogue sells:
//   npx tsx sandbox/data/generate-countries.ts
// Names come from i18n-iso-countries (ISO 3166-1 English short names, as eSIM Go's catalogue uses), the
// continent/subregion from world-countries (a devDependency, needed only here — the sandbox reads the JSON).
import fs from "node:fs";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import world from "world-countries";

// Not sold by eSIM shops: uninhabited or research-only territories, plus destinations under sanctions that a
// UK/EU wholesaler cannot serve. Everything else with an ISO 3166-1 code is a destination.
const NOT_SOLD = new Set([
  "AQ",
  "BV",
  "GS",
  "HM",
  "TF",
  "UM",
  "IO",
  "PN",
  "TK",
  "EH",
  "SJ",
  "CX",
  "CC",
  "NF",
  "NU",
  "WF",
  "SH", // no market
  "KP",
  "SY",
  "IR",
  "CU", // sanctions
]);

// eSIM Go's region names (v2.2 enum: Africa, Asia, Europe, Middle East, North America, Oceania, LATAM).
// world-countries is continental; these few are where eSIM Go's commercial grouping differs from geography.
const REGION_OVERRIDES: Record<string, string> = {
  TR: "Europe", // sold with Europe bundles
  AM: "Asia", // Caucasus: not Middle East in eSIM Go's grouping
  AZ: "Asia",
  GE: "Asia",
};

function esimGoRegion(region: string, subregion: string): string | null {
  if (region === "Europe") return "Europe";
  if (region === "Africa") return "Africa";
  if (region === "Oceania") return "Oceania";
  if (region === "Asia") return subregion === "Western Asia" ? "Middle East" : "Asia";
  if (region === "Americas") return subregion === "North America" ? "North America" : "LATAM";
  return null; // Antarctic
}

countries.registerLocale(en);
const names = countries.getNames("en", { select: "official" });
const rows: { iso: string; name: string; region: string; subregion: string }[] = [];
for (const c of world) {
  const iso = c.cca2;
  const name = names[iso];
  if (!name || NOT_SOLD.has(iso)) continue;
  const region = REGION_OVERRIDES[iso] ?? esimGoRegion(c.region, c.subregion);
  if (!region) continue;
  rows.push({ iso, name, region, subregion: c.subregion });
}
rows.sort((a, b) => a.iso.localeCompare(b.iso));

// One country per line: compact, yet a diff shows exactly which destination changed.
const out =
  `{"source":"names: i18n-iso-countries (MIT); regions derived from world-countries by Mohammed Le Doze (ODbL-1.0)","countries":[\n` +
  rows.map((r) => JSON.stringify(r)).join(",\n") +
  "\n]}\n";
fs.writeFileSync(new URL("./countries.json", import.meta.url), out);
console.log(`wrote ${rows.length} countries`);
