import { and, arrayContains, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { bundles, esims, orders, type Bundle } from "@/lib/db/schema";
import { localeOr } from "@/lib/i18n/locales";
import { providerFor, type EsimProvider } from "@/lib/providers";
import { createCheckout } from "@/lib/payments/checkout";
import type { CheckoutResult } from "@/lib/payments/checkout-session";
import { bundleTitle } from "@/lib/catalogue/views";
import { getEsimForCustomer, type Viewer } from "./queries";
import { log } from "@/lib/observability/logger";

export interface TopUpOption {
  name: string;
  title: string;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
  priceMinor: number;
  currency: string;
}

/** eSIM Go allows 10 requests/second in all. */
const MAX_COMPATIBILITY_CHECKS = 6;
const CACHE_MS = 10 * 60 * 1000;
const compatibilityCache = new Map<string, { ok: boolean; until: number }>();

async function isCompatible(provider: EsimProvider, iccid: string, bundle: string): Promise<boolean> {
  const key = `${provider.name}|${iccid}|${bundle}`;
  const hit = compatibilityCache.get(key);
  if (hit && hit.until > Date.now()) return hit.ok;
  // A provider that cannot say offers no top-ups rather than risk one that does not fit.
  const ok = (await provider.topUpCompatible?.(iccid, bundle)) ?? false;
  compatibilityCache.set(key, { ok, until: Date.now() + CACHE_MS });
  return ok;
}

export function pickCandidates(
  rows: Pick<Bundle, "name" | "dataMb" | "unlimited" | "durationDays" | "priceMinor">[],
  max = MAX_COMPATIBILITY_CHECKS,
) {
  const seen = new Set<string>();
  const picked: typeof rows = [];
  for (const row of [...rows].sort((a, b) => a.priceMinor - b.priceMinor)) {
    const key = `${row.unlimited ? "u" : row.dataMb}|${row.durationDays}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(row);
    if (picked.length >= max) break;
  }
  return picked.sort((a, b) => (a.dataMb ?? Infinity) - (b.dataMb ?? Infinity) || a.durationDays - b.durationDays);
}

export async function topUpOptions(
  db: Db,
  iccid: string,
  viewer: Viewer,
  provider?: EsimProvider,
): Promise<TopUpOption[] | null> {
  const esim = await getEsimForCustomer(db, iccid, viewer);
  if (!esim) return null;
  const snap = esim.bundle;
  const [first] = snap.countries;
  const sameDestination =
    snap.scope === "country" && first
      ? eq(bundles.country, first)
      : and(arrayContains(bundles.countries, snap.countries), eq(bundles.scope, snap.scope));
  const rows = await db
    .select()
    .from(bundles)
    .where(and(eq(bundles.active, true), eq(bundles.provider, snap.provider), sameDestination))
    .orderBy(asc(bundles.priceMinor))
    .limit(60);
  const candidates = pickCandidates(rows);
  const source = provider ?? providerFor(snap.provider);
  const checks = await Promise.all(
    candidates.map((c) =>
      isCompatible(source, iccid, c.name).catch((err: unknown) => {
        log.warn({ bundle: c.name, iccid, err }, "top-up compatibility unknown");
        return false;
      }),
    ),
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  return candidates
    .filter((_, i) => checks[i])
    .map((c) => byName.get(c.name)!)
    .map((b) => ({
      name: b.name,
      title: bundleTitle(b),
      dataMb: b.dataMb,
      unlimited: b.unlimited,
      durationDays: b.durationDays,
      priceMinor: b.priceMinor,
      currency: b.currency,
    }));
}

export class TopUpError extends Error {
  constructor(
    readonly code: "not_found" | "not_compatible" | "suspended",
    message: string,
  ) {
    super(message);
    this.name = "TopUpError";
  }
}

/** Owner only: not even an admin buys for someone. */
export async function startTopUp(
  db: Db,
  input: { customerId: string; email: string; iccid: string; bundleName: string },
  provider?: EsimProvider,
): Promise<CheckoutResult> {
  const options = await topUpOptions(db, input.iccid, { customerId: input.customerId, isAdmin: false }, provider);
  if (!options) throw new TopUpError("not_found", "eSIM not found");
  const [row] = await db
    .select({ status: esims.status, locale: orders.locale })
    .from(esims)
    .innerJoin(orders, eq(orders.id, esims.orderId))
    .where(eq(esims.iccid, input.iccid));
  if (row && row.status !== "issued") throw new TopUpError("suspended", `The eSIM is ${row.status}.`);
  if (!options.some((o) => o.name === input.bundleName))
    throw new TopUpError("not_compatible", "That plan cannot be added to this eSIM.");
  return createCheckout({
    bundleName: input.bundleName,
    email: input.email,
    customerId: input.customerId,
    topupIccid: input.iccid,
    locale: localeOr(row?.locale),
  });
}
