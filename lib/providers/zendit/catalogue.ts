import type { UsageBundle } from "@/lib/db/schema";
import type { WholesaleOffer } from "../types";
import { zenditClient, type ZenditClient, type ZenditOffer, type ZenditPlan } from "./client";
import { fromZenditMoney } from "./money";

const PAGE = 1024;
const MAX_PAGES = 50;
const MB_PER_GB = 1000;
const BYTES_PER_GB = 1e9;

type OfferResult = { ok: true; offer: WholesaleOffer } | { ok: false; name: string; reason: string };

const regionalId = (offer: ZenditOffer) => !offer.country && (offer.offerId.split("-")[1] ?? "").length !== 2;

function offerFromZendit(offer: ZenditOffer): OfferResult {
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

  return {
    ok: true,
    offer: {
      name,
      description: (offer.shortNotes ?? name).trim(),
      countries,
      area:
        countries.length === 1 && !regionalId(offer)
          ? null
          : { code: offer.offerId.split("-")[1] ?? "", regions: offer.regions ?? [] },
      dataMb,
      unlimited,
      durationDays,
      speeds: [...new Set((offer.dataSpeeds ?? []).map((s) => String(s).toUpperCase()))],
      autostart: null,
      networks: (offer.roaming ?? [])
        .map((r) => ({
          iso: (r.country ?? "").trim().toUpperCase(),
          networks: [{ name: null, speeds: [...new Set((r.dataSpeeds ?? []).map((x) => String(x).toUpperCase()))] }],
        }))
        .filter((c) => /^[A-Z]{2}$/.test(c.iso) && c.networks[0]!.speeds.length > 0)
        .sort((a, b) => a.iso.localeCompare(b.iso)),
      wholesaleMinor: wholesale.amountMinor,
      wholesaleCurrency: wholesale.currency,
    },
  };
}

export async function listOffers(
  client: ZenditClient = zenditClient(),
): Promise<{ offers: WholesaleOffer[]; skipped: { name: string; reason: string }[] }> {
  const offers: WholesaleOffer[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await client.offers({ limit: PAGE, offset: page * PAGE });
    for (const offer of batch.list) {
      const r = offerFromZendit(offer);
      if (r.ok) offers.push(r.offer);
      else skipped.push({ name: r.name, reason: r.reason });
    }
    if (batch.list.length < PAGE || (page + 1) * PAGE >= batch.total) break;
  }
  return { offers, skipped };
}

function usageFromPlans(iccid: string, plans: ZenditPlan[]): UsageBundle[] {
  return plans.map((p, i): UsageBundle => {
    const unlimited = p.unlimited === true;
    const remainingGb = p.remainingDataGB ?? p.reamainingDataGB;
    const status = (p.status ?? "").toLowerCase();
    return {
      name: p.offerId ?? "",
      description: p.description ?? null,
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

export async function usage(iccid: string, client: ZenditClient = zenditClient()): Promise<UsageBundle[]> {
  const body = await client.plans(iccid);
  return usageFromPlans(iccid, body.list ?? []);
}
