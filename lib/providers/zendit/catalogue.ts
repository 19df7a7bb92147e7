// Zendit offers → our `bundles` rows, and a Zendit eSIM's plans → usage figures. The catalogue sync and the
// account page call these the way they call eSIM Go's; pure mapping functions are exported for tests.
import type { NewBundle, UsageBundle } from "@/lib/db/schema";
import { normaliseRegion, slugify } from "@/lib/catalogue/countries";
import { retailPrice, type PricingRules } from "@/lib/catalogue/pricing";
import { env } from "@/lib/env";
import { zenditClient, type ZenditClient, type ZenditOffer, type ZenditPlan } from "./client";
import { fromZenditMoney } from "./money";

const PAGE = 1024;
const MAX_PAGES = 50;
/** Zendit's GB are decimal, like eSIM Go's (1 GB = 1000 MB = 10^9 bytes). */
const MB_PER_GB = 1000;
const BYTES_PER_GB = 1e9;

export type OfferResult = { ok: true; row: NewBundle } | { ok: false; name: string; reason: string };

/** Where a multi-country offer belongs: the area in its id (`ESIM-EU-…`), else its Zendit region(s). */
function regionFor(offer: ZenditOffer): { scope: "regional" | "global"; region: string } {
  const area = offer.offerId.split("-")[1] ?? "";
  const named = normaliseRegion(area) ?? (offer.regions?.length === 1 ? normaliseRegion(offer.regions[0]!) : null);
  if (named === "global" || (!named && (offer.regions?.length ?? 0) >= 3)) return { scope: "global", region: "global" };
  return {
    scope: "regional",
    region: named ?? (slugify(area || offer.regions?.[0] || offer.offerId) || "multi-country"),
  };
}

export function normaliseOffer(offer: ZenditOffer, rules: PricingRules, syncedAt: Date): OfferResult {
  const name = offer.offerId?.trim() ?? "";
  const invalid = (reason: string): OfferResult => ({ ok: false, name: name || "(unnamed)", reason });
  if (!name) return invalid("no offerId");
  if (offer.enabled === false) return invalid("disabled");
  if (offer.productType && offer.productType !== "ESIM") return invalid(`product type ${offer.productType}`);

  const listed = [...(offer.roaming ?? []).map((r) => r.country), ...(offer.country ? [offer.country] : [])];
  const countries = [...new Set(listed.map((c) => (c ?? "").trim().toUpperCase()))]
    .filter((iso) => /^[A-Z]{2}$/.test(iso))
    .sort();
  if (countries.length === 0) return invalid("no countries");

  const durationDays = Number(offer.durationDays);
  if (!Number.isInteger(durationDays) || durationDays <= 0) return invalid(`bad duration ${offer.durationDays}`);
  const unlimited = offer.dataUnlimited === true;
  const dataMb = unlimited ? null : Math.round(Number(offer.dataGB) * MB_PER_GB);
  if (!unlimited && !(dataMb && dataMb > 0)) return invalid(`bad dataGB ${offer.dataGB}`);

  const cost = offer.cost;
  if (!cost || !Number.isInteger(cost.fixed) || cost.fixed <= 0) return invalid(`bad cost ${JSON.stringify(cost)}`);
  const wholesale = fromZenditMoney(cost.fixed, cost.currencyDivisor, cost.currency);
  if (wholesale.amountMinor <= 0) return invalid("cost rounds to nothing");
  const retail = retailPrice({ amountMinor: wholesale.amountMinor, currency: wholesale.currency }, rules);

  const where =
    countries.length === 1 && !regionalId(offer)
      ? { scope: "country" as const, country: countries[0]!, region: null }
      : { ...regionFor(offer), country: null };
  return {
    ok: true,
    row: {
      name,
      provider: "zendit",
      description: (offer.shortNotes ?? name).trim(),
      scope: where.scope,
      countries,
      country: where.country,
      region: where.region,
      dataMb,
      unlimited,
      durationDays,
      speeds: [...new Set((offer.dataSpeeds ?? []).map((s) => String(s).toUpperCase()))],
      autostart: true,
      // Zendit names no networks: per covered country, the speeds the offer gets there.
      networks: (offer.roaming ?? [])
        .map((r) => ({
          iso: (r.country ?? "").trim().toUpperCase(),
          networks: [{ name: null, speeds: [...new Set((r.dataSpeeds ?? []).map((x) => String(x).toUpperCase()))] }],
        }))
        .filter((c) => /^[A-Z]{2}$/.test(c.iso) && c.networks[0]!.speeds.length > 0)
        .sort((a, b) => a.iso.localeCompare(b.iso)),
      wholesaleMinor: wholesale.amountMinor,
      wholesaleCurrency: wholesale.currency,
      priceMinor: retail.amountMinor,
      currency: retail.currency,
      active: true,
      syncedAt,
    },
  };
}

/** `ESIM-EU-…`, `ESIM-GLOBAL-…`: an area code that is not a country, even if it lists one country. */
const regionalId = (offer: ZenditOffer) => !offer.country && (offer.offerId.split("-")[1] ?? "").length !== 2;

export interface ListCatalogueOptions {
  client?: ZenditClient;
  rules?: PricingRules;
  syncedAt?: Date;
}

/** Every sellable Zendit offer as a bundle row; offers that cannot be sold are left out and reported. */
export async function listCatalogue(
  options: ListCatalogueOptions = {},
): Promise<{ rows: NewBundle[]; skipped: { name: string; reason: string }[] }> {
  const client = options.client ?? zenditClient();
  const rules = options.rules ?? env().pricing;
  const syncedAt = options.syncedAt ?? new Date();
  const rows: NewBundle[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await client.offers({ limit: PAGE, offset: page * PAGE });
    for (const offer of batch.list) {
      const r = normaliseOffer(offer, rules, syncedAt);
      if (r.ok) rows.push(r.row);
      else skipped.push({ name: r.name, reason: r.reason });
    }
    if (batch.list.length < PAGE || (page + 1) * PAGE >= batch.total) break;
  }
  return { rows, skipped };
}

export function usageFromPlans(iccid: string, plans: ZenditPlan[]): UsageBundle[] {
  return plans.map((p, i): UsageBundle => {
    const unlimited = p.unlimited === true;
    const remainingGb = p.remainingDataGB ?? p.reamainingDataGB;
    const status = (p.status ?? "").toLowerCase();
    return {
      name: p.offerId ?? "",
      description: p.description ?? null,
      // Zendit gives plans no id: the eSIM, offer and start (or queue position) identify one.
      reference: `${iccid}/${p.offerId ?? "plan"}/${p.startAt ?? `queued-${i}`}`,
      state: status === "active" ? "active" : status === "queued" ? "queued" : status || "unknown",
      initialBytes: unlimited || p.initialDataGB === undefined ? null : Math.round(p.initialDataGB * BYTES_PER_GB),
      remainingBytes:
        unlimited || remainingGb === undefined ? null : Math.max(0, Math.round(remainingGb * BYTES_PER_GB)),
      unlimited,
      assignedAt: p.startAt ?? null,
      startTime: p.startAt ?? null,
      endTime: p.endAt ?? null,
    };
  });
}

/** Data left on a Zendit eSIM, from `GET /esim/{iccid}/plans`, in the shape eSIM Go usage is stored in. */
export async function usage(iccid: string, client: ZenditClient = zenditClient()): Promise<UsageBundle[]> {
  const body = await client.plans(iccid);
  return usageFromPlans(iccid, body.list ?? []);
}
