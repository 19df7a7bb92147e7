// Zendit eSIM offers, derived from the sandbox's eSIM Go catalogue so both providers sell the same world:
// one offer per bundle, with Zendit's ids (`ESIM-JP-7D-1GB`), region names, subtypes and integer money.
import crypto from "node:crypto";
import fs from "node:fs";
import { loadCatalogue, seededFraction, type EsimGoBundle } from "../data/catalogue";

export interface Money {
  currency: "USD";
  currencyDivisor: 100;
}

export interface ZenditOffer {
  offerId: string;
  brand: string;
  brandName: string;
  /** ISO2 destination for a single-country offer; "" for a regional or global one (coverage is in `roaming`). */
  country: string;
  regions: string[];
  subTypes: string[];
  productType: "ESIM";
  priceType: "FIXED";
  enabled: boolean;
  dataGB: number;
  dataUnlimited: boolean;
  dataSpeeds: string[];
  durationDays: number;
  voiceMinutes: number;
  voiceUnlimited: boolean;
  smsNumber: number;
  smsUnlimited: boolean;
  roaming: { country: string; dataSpeeds: string[] }[];
  cost: Money & { fixed: number; fx: number; discount: number; fee: number; feePct: number };
  price: Money & {
    fixed: number;
    fx: number;
    margin: number;
    fee: number;
    suggestedFixed: number;
    suggestedFx: number;
  };
  shortNotes: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export const BRAND = "ZENDIT-ESIM";
const BRAND_NAME = "zendit eSIM";
// A fixed date keeps offers byte-identical across runs, as a real catalogue is between its updates.
const CATALOGUE_DATE = "2025-01-10T12:00:00Z";

/** eSIM Go region codes in bundle names → the region part of Zendit offer ids. Longer than two letters so
 *  none can be mistaken for a country (`NA` is Namibia). */
const REGION_IDS: Record<string, string> = {
  REUP: "EU",
  RBK: "BALKANS",
  RNA: "NORTHAMERICA",
  RLA: "LATAM",
  RCA: "CARIBBEAN",
  RAS: "ASIA",
  RMENA: "MENA",
  RAF: "AFRICA",
  ROC: "OCEANIA",
  RGB: "GLOBAL",
};

/** Zendit's region names (SDK `DtoRegion`). */
export const ZENDIT_REGIONS = [
  "Global",
  "Africa",
  "Asia",
  "Caribbean",
  "Central America",
  "Eastern Europe",
  "Western Europe",
  "North America",
  "Oceania",
  "South America",
  "South Asia",
  "Southeast Asia",
  "Middle East and North Africa",
] as const;

const WESTERN_CENTRAL_EUROPE = new Set(["AT", "SI"]);

function zenditRegion(row: { iso: string; region: string; subregion: string }): string {
  switch (row.region) {
    case "Europe":
      if (["Eastern Europe", "Southeast Europe", "Western Asia"].includes(row.subregion)) return "Eastern Europe";
      if (row.subregion === "Central Europe" && !WESTERN_CENTRAL_EUROPE.has(row.iso)) return "Eastern Europe";
      return "Western Europe";
    case "Middle East":
      return "Middle East and North Africa";
    case "Asia":
      if (row.subregion === "Southern Asia") return "South Asia";
      if (row.subregion === "South-Eastern Asia") return "Southeast Asia";
      return "Asia";
    case "Africa":
      return row.subregion === "Northern Africa" ? "Middle East and North Africa" : "Africa";
    case "LATAM":
      if (row.subregion === "Caribbean") return "Caribbean";
      if (row.subregion === "Central America") return "Central America";
      return "South America";
    case "Oceania":
      return "Oceania";
    default:
      return "North America";
  }
}

let regionByIso: Map<string, string> | null = null;
function regionOf(iso: string): string {
  if (!regionByIso) {
    const file = JSON.parse(fs.readFileSync(new URL("../data/countries.json", import.meta.url), "utf8")) as {
      countries: { iso: string; region: string; subregion: string }[];
    };
    regionByIso = new Map(file.countries.map((c) => [c.iso, zenditRegion(c)]));
  }
  return regionByIso.get(iso) ?? "Global";
}

const dayLabel = (d: number) => (d === 1 ? "1 Day" : `${d} Days`);

/** A well-spread fraction in [0, 1) (FNV alone barely moves its high bits for keys ending alike). */
function hashFraction(key: string): number {
  return crypto.createHash("sha256").update(key).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** Zendit buys from its own upstreams: per destination (country or region code) its cost sits between 12 %
 *  below and 12 % above eSIM Go's wholesale, plus a little per-bundle noise — deterministic, so with both
 *  providers on some destinations are cheaper through each. */
function costCents(bundle: EsimGoBundle, area: string): number {
  const perArea = 0.88 + 0.24 * hashFraction(`zendit:area:${area}`);
  const perBundle = 0.01 * (seededFraction(`zendit:${bundle.name}`) - 0.5);
  return Math.max(1, Math.round(bundle.price * 100 * (perArea + perBundle)));
}

/** Zendit's suggested retail: about 1.6× cost, ending in 99 cents. */
function suggestedPriceCents(cost: number): number {
  return Math.max(99, Math.ceil((cost * 1.6) / 100) * 100 - 1);
}

export function toOffer(bundle: EsimGoBundle): ZenditOffer {
  const [, , , code] = bundle.name.split("_");
  const regional = bundle.countries.length !== 1 || REGION_IDS[code ?? ""] !== undefined;
  const area = regional ? (REGION_IDS[code ?? ""] ?? code ?? "REGION") : bundle.countries[0]!.iso;
  const gb = bundle.unlimited ? 0 : bundle.dataAmount / 1000;
  const offerId = `ESIM-${area}-${bundle.duration}D-${bundle.unlimited ? "UNL" : `${gb}GB`}`;
  const speeds = bundle.speed.filter((s) => s !== "2G");
  const regions = area === "GLOBAL" ? ["Global"] : [...new Set(bundle.countries.map((c) => regionOf(c.iso)))].sort();
  const label = regional ? (bundle.description.split(", ")[3] ?? area) : bundle.countries[0]!.name;
  const size = bundle.unlimited ? "Unlimited" : `${gb}GB`;
  const cost = costCents(bundle, area);
  const price = suggestedPriceCents(cost);
  return {
    offerId,
    brand: BRAND,
    brandName: BRAND_NAME,
    country: regional ? "" : bundle.countries[0]!.iso,
    regions,
    // Unlimited Essential is a daily high-speed allowance then throttled: Zendit's "Fast" subtype.
    subTypes: [bundle.unlimited ? "Fast" : "Standard"],
    productType: "ESIM",
    priceType: "FIXED",
    enabled: true,
    dataGB: gb,
    dataUnlimited: bundle.unlimited,
    dataSpeeds: speeds,
    durationDays: bundle.duration,
    voiceMinutes: 0,
    voiceUnlimited: false,
    smsNumber: 0,
    smsUnlimited: false,
    // Zendit names no networks: per country only the best speeds the offer gets there.
    roaming: bundle.countries.map((c) => ({
      country: c.iso,
      dataSpeeds: c.networks?.length
        ? [...new Set(c.networks.flatMap((n) => n.speeds))].filter((s) => s !== "2G")
        : speeds,
    })),
    cost: { currency: "USD", currencyDivisor: 100, fixed: cost, fx: 1, discount: 0, fee: 0, feePct: 0 },
    price: {
      currency: "USD",
      currencyDivisor: 100,
      fixed: price,
      fx: 1,
      margin: Math.round(((price - cost) / cost) * 100),
      fee: 0,
      suggestedFixed: price,
      suggestedFx: 1,
    },
    shortNotes: `${label} ${size} ${dayLabel(bundle.duration)}`,
    notes: bundle.unlimited
      ? `Data-only eSIM for ${label}: unlimited data for ${dayLabel(bundle.duration).toLowerCase()}, high speed for the first 1GB each day, then reduced speed. Activates on first connection.`
      : `Data-only eSIM for ${label}: ${gb}GB valid for ${dayLabel(bundle.duration).toLowerCase()} from first connection. No voice or SMS.`,
    createdAt: CATALOGUE_DATE,
    updatedAt: CATALOGUE_DATE,
  };
}

let offers: ZenditOffer[] | null = null;
let byId: Map<string, ZenditOffer> | null = null;

/** Every offer, in the catalogue's stable order. Built once per process; do not mutate. */
export function loadOffers(): ZenditOffer[] {
  offers ??= loadCatalogue().map(toOffer);
  return offers;
}

export function findOffer(offerId: string): ZenditOffer | undefined {
  byId ??= new Map(loadOffers().map((o) => [o.offerId, o]));
  return byId.get(offerId);
}

export interface OfferFilter {
  country?: string;
  regions?: string[];
  subType?: string;
  brand?: string;
}

/** `country` matches any offer that works there (a regional offer covering it too); `regions` matches any of
 *  the given names; `subType` and `brand` match exactly, ignoring case. */
export function filterOffers(filter: OfferFilter): ZenditOffer[] {
  const country = filter.country?.toUpperCase();
  const regions = filter.regions?.map((r) => r.toLowerCase());
  const subType = filter.subType?.toLowerCase();
  const brand = filter.brand?.toUpperCase();
  return loadOffers().filter(
    (o) =>
      (!country || o.country === country || o.roaming.some((r) => r.country === country)) &&
      (!regions?.length || o.regions.some((r) => regions.includes(r.toLowerCase()))) &&
      (!subType || o.subTypes.some((s) => s.toLowerCase() === subType)) &&
      (!brand || o.brand === brand),
  );
}
