// The sandbox's wholesale catalogue, shaped and named like eSIM Go's (`GET /v2.4/catalogue`), shared by the
// eSIM Go and Zendit imitations. Built in code from countries.json: per destination a ladder of fixed bundles
// and Unlimited Essential day passes, plus regional and global bundles. Prices follow cost tiers by country
// with a seeded-hash jitter, so every run (and every machine) sees the same catalogue.
import fs from "node:fs";
import { networksFor, type CatalogueNetwork } from "./networks";

export interface CatalogueCountry {
  iso: string;
  name: string;
  /** eSIM Go region name: Europe, Asia, Middle East, Africa, North America, LATAM, Oceania. */
  region: string;
  /** The networks the bundle uses there, with their speeds (eSIM Go's `countries[].networks`). */
  networks?: CatalogueNetwork[];
}

export interface EsimGoAllowance {
  type: "DATA";
  service: "ROAMING";
  description: string;
  /** MB like `dataAmount`; -1 when unlimited. */
  amount: number;
  unit: "MB";
  unlimited: boolean;
}

export interface EsimGoBundle {
  name: string;
  description: string;
  groups: string[];
  countries: CatalogueCountry[];
  /** MB, decimal (1000 = 1GB). Unlimited bundles carry -1, as eSIM Go's do, with `unlimited: true`. */
  dataAmount: number;
  /** Days. */
  duration: number;
  speed: string[];
  autostart: boolean;
  unlimited: boolean;
  roamingEnabled: CatalogueCountry[];
  imageUrl: string;
  /** Wholesale USD, 2 decimals (eSIM Go sends a float in the organisation currency). */
  price: number;
  billingType: "FixedCost";
  allowances: EsimGoAllowance[];
}

export const GROUP_FIXED = "Standard Fixed";
export const GROUP_UNLIMITED_ESSENTIAL = "Standard Unlimited Essential";

interface CountryRow extends CatalogueCountry {
  /** world-countries subregion, used only for cost tiers and regional coverage. */
  subregion: string;
}

/** 1 = cheapest (most of the EU, US) … 4 = dearest (small islands, much of Africa). */
type Tier = 1 | 2 | 3 | 4;

// Default tier by subregion; the ISO overrides below are where a destination's real wholesale price sits
// well away from its neighbours'.
const SUBREGION_TIER: Record<string, Tier> = {
  "Northern Europe": 1,
  "Western Europe": 1,
  "Southern Europe": 1,
  "Central Europe": 1,
  "Southeast Europe": 2,
  "Eastern Europe": 2,
  "North America": 2,
  "Eastern Asia": 2,
  "South-Eastern Asia": 2,
  "Southern Asia": 2,
  "Western Asia": 2,
  "Central Asia": 3,
  "Northern Africa": 2,
  "Southern Africa": 3,
  "Eastern Africa": 4,
  "Western Africa": 4,
  "Middle Africa": 4,
  "South America": 2,
  "Central America": 3,
  Caribbean: 3,
  "Australia and New Zealand": 2,
  Melanesia: 4,
  Micronesia: 4,
  Polynesia: 4,
};

const TIER_OVERRIDES: Record<string, Tier> = {
  // Europe
  BG: 1,
  HR: 1,
  RO: 1,
  SI: 1,
  AD: 3,
  FO: 3,
  GI: 3,
  MD: 3,
  BY: 3,
  // North America
  US: 1,
  GL: 4,
  PM: 4,
  BM: 3,
  // Asia
  HK: 1,
  SG: 1,
  IL: 1,
  MN: 3,
  KH: 3,
  LA: 3,
  MM: 3,
  BN: 3,
  TL: 4,
  BD: 3,
  NP: 3,
  BT: 4,
  MV: 3,
  AF: 4,
  AM: 3,
  AZ: 3,
  GE: 3,
  LB: 3,
  PS: 3,
  IQ: 3,
  YE: 4,
  // Africa
  DZ: 3,
  LY: 4,
  SD: 4,
  ZA: 2,
  KE: 3,
  TZ: 3,
  UG: 3,
  RW: 3,
  MU: 3,
  RE: 2,
  YT: 2,
  NG: 3,
  GH: 3,
  SN: 3,
  CI: 3,
  CM: 3,
  // Americas
  BO: 3,
  PY: 3,
  VE: 4,
  GY: 4,
  SR: 4,
  GF: 2,
  FK: 4,
  CR: 2,
  PA: 2,
  BZ: 4,
  PR: 1,
  VI: 2,
  DO: 2,
  GP: 2,
  MQ: 2,
  BL: 2,
  MF: 2,
  HT: 4,
  // Oceania
  GU: 3,
  MP: 3,
  AS: 3,
  FJ: 3,
  NC: 3,
  PF: 3,
};

/** USD for the first GB of a 1GB bundle, by tier; the country factor moves it ±12 %. */
const TIER_GB_PRICE: Record<Tier, number> = { 1: 1.35, 2: 2.6, 3: 5.4, 4: 10.5 };
/** USD per day of an Unlimited Essential pass, by tier (tier 4 has none, as is usual for small markets). */
const TIER_DAY_PRICE: Record<Tier, number> = { 1: 2.3, 2: 3.1, 3: 4.8, 4: 0 };

// The ladders eSIM Go's own rate sheet uses for country bundles: [GB, days].
export const FIXED_LADDER: [number, number][] = [
  [1, 7],
  [2, 15],
  [3, 30],
  [5, 30],
  [10, 30],
  [20, 30],
  [50, 30],
  [100, 30],
];
const REGIONAL_LADDER: [number, number][] = [
  [1, 7],
  [3, 30],
  [5, 30],
  [10, 30],
  [20, 30],
  [50, 30],
];
const GLOBAL_LADDER: [number, number][] = [
  [1, 7],
  [3, 30],
  [5, 30],
  [10, 30],
  [20, 30],
];
const UNLIMITED_DAYS = [1, 3, 5, 7, 10, 15, 30];
/** The largest fixed bundle sold per tier: big bundles make no sense where a GB costs $10. */
const MAX_GB: Record<Tier, number> = { 1: 100, 2: 100, 3: 100, 4: 20 };
/** Off-ladder variant for the busiest markets: a week-long 3GB for short trips, cheaper than the 30-day one. */
const WEEK_VARIANT: [number, number] = [3, 7];

interface Regional {
  code: string;
  label: string;
  unlimited: boolean;
  speed: string[];
  ladder: [number, number][];
  covers: (c: CountryRow, tier: Tier) => boolean;
}

// Region codes as eSIM Go's rate sheet names them (REUP, RBK, RLA, RAS, RMENA, RAF, RCA, RGB seen in real
// bundle names; RNA and ROC follow the same pattern). Coverage is derived from the country data, not listed.
const BALKANS = new Set(["AL", "BA", "BG", "GR", "HR", "ME", "MK", "RO", "RS", "SI", "XK"]);
const REGIONALS: Regional[] = [
  {
    code: "REUP",
    label: "Europe+",
    unlimited: true,
    speed: ["2G", "3G", "4G", "5G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => c.region === "Europe" && t <= 2,
  },
  {
    code: "RBK",
    label: "Balkans",
    unlimited: true,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c) => BALKANS.has(c.iso),
  },
  {
    code: "RNA",
    label: "North America",
    unlimited: true,
    speed: ["2G", "3G", "4G", "5G"],
    ladder: REGIONAL_LADDER,
    covers: (c) => ["US", "CA", "MX"].includes(c.iso),
  },
  {
    code: "RLA",
    label: "Latin America",
    unlimited: true,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) =>
      (c.subregion === "South America" || c.subregion === "Central America" || c.iso === "MX") && t <= 3,
  },
  {
    code: "RCA",
    label: "Caribbean",
    unlimited: false,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => c.subregion === "Caribbean" && t <= 3,
  },
  {
    code: "RAS",
    label: "Asia",
    unlimited: true,
    speed: ["2G", "3G", "4G", "5G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => c.region === "Asia" && t <= 2,
  },
  {
    code: "RMENA",
    label: "Middle East and North Africa",
    unlimited: true,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => (c.region === "Middle East" || c.subregion === "Northern Africa" || c.iso === "TR") && t <= 3,
  },
  {
    code: "RAF",
    label: "Africa",
    unlimited: false,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => c.region === "Africa" && t <= 3,
  },
  {
    code: "ROC",
    label: "Oceania",
    unlimited: false,
    speed: ["2G", "3G", "4G"],
    ladder: REGIONAL_LADDER,
    covers: (c, t) => c.region === "Oceania" && t <= 3,
  },
  {
    code: "RGB",
    label: "Global",
    unlimited: false,
    speed: ["2G", "3G", "4G", "5G"],
    ladder: GLOBAL_LADDER,
    covers: (_c, t) => t <= 2,
  },
];

/** FNV-1a over the string, as a fraction in [0, 1): the deterministic "randomness" of the catalogue. */
export function seededFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const dayLabel = (d: number) => (d === 1 ? "1 Day" : `${d} Days`);
const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[^\w]+/g, "_")
    .replace(/^_|_$/g, "");
const imageUrl = (label: string) => `https://cms-images.sandbox.esim-go.test/${slug(label)}.jpg`;

function tierOf(c: CountryRow): Tier {
  return TIER_OVERRIDES[c.iso] ?? SUBREGION_TIER[c.subregion] ?? 3;
}

/** A GB bundle costs base × GB^0.8: the price per GB falls by roughly 13 % each time the size doubles. */
function fixedPrice(gbBase: number, gb: number, name: string): number {
  // ±2 % per bundle: small enough that the per-GB price still falls along every ladder.
  return round2(gbBase * gb ** 0.8 * (0.98 + 0.04 * seededFraction(name)));
}

function unlimitedPrice(dayBase: number, days: number, name: string): number {
  return round2(dayBase * days ** 0.93 * (0.98 + 0.04 * seededFraction(name)));
}

function speedFor(c: CountryRow, tier: Tier): string[] {
  if (tier === 1 || (tier === 2 && seededFraction(`5g:${c.iso}`) < 0.65)) return ["2G", "3G", "4G", "5G"];
  if (tier === 4) return ["3G", "4G"];
  return ["2G", "3G", "4G"];
}

interface Build {
  code: string;
  label: string;
  countries: CatalogueCountry[];
  roaming: boolean;
  speed: string[];
  allowanceZone: string;
}

function fixedBundle(b: Build, gb: number, days: number, price: number): EsimGoBundle {
  const name = `esim_${gb}GB_${days}D_${b.code}_V2`;
  return {
    name,
    description: `eSIM, ${gb}GB, ${dayLabel(days)}, ${b.label}, V2`,
    groups: [GROUP_FIXED],
    countries: b.countries,
    dataAmount: gb * 1000,
    duration: days,
    speed: b.speed,
    autostart: true,
    unlimited: false,
    roamingEnabled: b.roaming ? b.countries : [],
    imageUrl: imageUrl(b.label),
    price,
    billingType: "FixedCost",
    allowances: [
      {
        type: "DATA",
        service: "ROAMING",
        description: `ESIM_${gb}GB_${days}D_${b.allowanceZone}_U (data)`,
        amount: gb * 1000,
        unit: "MB",
        unlimited: false,
      },
    ],
  };
}

function unlimitedBundle(b: Build, days: number, price: number): EsimGoBundle {
  const name = `esim_ULE_${days}D_${b.code}_V2`;
  return {
    ...fixedBundle(b, 0, days, price),
    name,
    description: `eSIM, Unlimited Essential, ${dayLabel(days)}, ${b.label}, V2`,
    groups: [GROUP_UNLIMITED_ESSENTIAL],
    dataAmount: -1,
    unlimited: true,
    allowances: [
      {
        type: "DATA",
        service: "ROAMING",
        description: `ESIM_ULE_${days}D_${b.allowanceZone}_U (data)`,
        amount: -1,
        unit: "MB",
        unlimited: true,
      },
    ],
  };
}

function readCountries(): CountryRow[] {
  const file = JSON.parse(fs.readFileSync(new URL("./countries.json", import.meta.url), "utf8")) as {
    countries: CountryRow[];
  };
  return file.countries;
}

function buildCatalogue(): EsimGoBundle[] {
  const rows = readCountries();
  const bundles: EsimGoBundle[] = [];
  const gbBaseOf = new Map<string, number>();

  for (const c of rows) {
    const tier = tierOf(c);
    const factor = 0.88 + 0.24 * seededFraction(`country:${c.iso}`);
    const gbBase = TIER_GB_PRICE[tier] * factor;
    gbBaseOf.set(c.iso, gbBase);
    const b: Build = {
      code: c.iso,
      label: c.name,
      countries: [{ name: c.name, region: c.region, iso: c.iso, networks: networksFor(c.iso, speedFor(c, tier)) }],
      roaming: false,
      speed: speedFor(c, tier),
      allowanceZone: `ZONE${"ABCD"[tier - 1]}`,
    };
    for (const [gb, days] of FIXED_LADDER) {
      if (gb > MAX_GB[tier]) continue;
      bundles.push(fixedBundle(b, gb, days, fixedPrice(gbBase, gb, `esim_${gb}GB_${days}D_${c.iso}_V2`)));
    }
    if (tier <= 2) {
      const [gb, days] = WEEK_VARIANT;
      bundles.push(fixedBundle(b, gb, days, fixedPrice(gbBase * 0.88, gb, `esim_${gb}GB_${days}D_${c.iso}_V2`)));
    }
    if (TIER_DAY_PRICE[tier] > 0) {
      for (const days of UNLIMITED_DAYS) {
        bundles.push(
          unlimitedBundle(
            b,
            days,
            unlimitedPrice(TIER_DAY_PRICE[tier] * factor, days, `esim_ULE_${days}D_${c.iso}_V2`),
          ),
        );
      }
    }
  }

  for (const r of REGIONALS) {
    const covered = rows.filter((c) => r.covers(c, tierOf(c)));
    // A regional bundle costs what its members cost on average, plus a premium for breadth of coverage.
    const mean = covered.reduce((sum, c) => sum + gbBaseOf.get(c.iso)!, 0) / covered.length;
    const gbBase = mean * (1.1 + covered.length / 150);
    const b: Build = {
      code: r.code,
      label: r.label,
      countries: covered.map((c) => ({
        name: c.name,
        region: c.region,
        iso: c.iso,
        // A regional bundle roams: never faster in a country than that country's own bundles, nor than its own.
        networks: networksFor(
          c.iso,
          speedFor(c, tierOf(c)).filter((s) => r.speed.includes(s)),
        ),
      })),
      roaming: true,
      speed: r.speed,
      allowanceZone: r.code,
    };
    for (const [gb, days] of r.ladder)
      bundles.push(fixedBundle(b, gb, days, fixedPrice(gbBase, gb, `esim_${gb}GB_${days}D_${r.code}_V2`)));
    if (r.unlimited) {
      const dayBase = (gbBase / TIER_GB_PRICE[1]) * TIER_DAY_PRICE[1] * 0.8;
      for (const days of UNLIMITED_DAYS)
        bundles.push(unlimitedBundle(b, days, unlimitedPrice(dayBase, days, `esim_ULE_${days}D_${r.code}_V2`)));
    }
  }
  return bundles;
}

let cached: EsimGoBundle[] | null = null;
let byName: Map<string, EsimGoBundle> | null = null;

/** Every bundle, in a stable order (countries by ISO code, then regional and global). Built once per process
 *  and frozen. */
export function loadCatalogue(): EsimGoBundle[] {
  cached ??= deepFreeze(buildCatalogue());
  return cached;
}

// Shared by every service in the process: freezing turns an accidental edit into an error instead of a
// price that silently changes for everyone.
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One bundle by its exact (case-sensitive) name. */
export function findBundle(name: string): EsimGoBundle | undefined {
  byName ??= new Map(loadCatalogue().map((b) => [b.name, b]));
  return byName.get(name);
}

/** The destinations sold, with their eSIM Go region. */
export function loadCountries(): CatalogueCountry[] {
  return readCountries().map(({ iso, name, region }) => ({ iso, name, region }));
}
