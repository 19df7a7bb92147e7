// The rules checkout applies, without its locks, so what the page shows is what Stripe charges. Tries are
// rate-limited per address: codes are short enough to guess by brute force otherwise.
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bundles, type Bundle } from "@/lib/db/schema";
import { bundleTitle } from "@/lib/catalogue/views";
import { bucket, takeRateLimit } from "@/lib/http/rate-limit";
import { normaliseEmail } from "@/lib/orders/customers";
import { planDiscount, PromotionRefused, type DiscountPlan } from "./apply";
import type { RefusalDetails, RefusalReason } from "./rules";
import { CurrencyRefused, priceInCurrency } from "@/lib/currency/charge";

const CODE_TRIES = { max: 20, windowMs: 10 * 60_000 };

export interface Quote {
  bundle: Pick<Bundle, "name" | "priceMinor" | "currency" | "countries" | "active"> & { title: string };
  plan: DiscountPlan | null;
  refusal: { reason: RefusalReason | "rate_limited"; message: string; details?: RefusalDetails } | null;
}

export async function quoteCheckout(input: {
  bundleName: string;
  code?: string;
  customerId?: string;
  email?: string;
  ip: string | null;
  currency?: string;
}): Promise<Quote | null> {
  const db = await getDb();
  const [row] = await db.select().from(bundles).where(eq(bundles.name, input.bundleName)).limit(1);
  if (!row) return null;
  const list = await priceInCurrency(db, row, input.currency?.toUpperCase()).catch((err: unknown) => {
    if (err instanceof CurrencyRefused) return { priceMinor: row.priceMinor, currency: row.currency };
    throw err;
  });
  const bundle = {
    name: row.name,
    title: bundleTitle(row),
    priceMinor: list.priceMinor,
    currency: list.currency,
    countries: row.countries,
    active: row.active,
  };
  const email = input.email ? normaliseEmail(input.email) : undefined;
  if (input.code) {
    const taken = await takeRateLimit(db, [{ bucket: bucket("promo", "ip", input.ip), limit: CODE_TRIES }]);
    if (!taken.ok)
      return {
        bundle,
        plan: null,
        refusal: { reason: "rate_limited", message: "Too many codes tried. Please wait a few minutes and try again." },
      };
  }
  const ask = (code: string | undefined) =>
    planDiscount(
      db,
      {
        code,
        buyer: { customerId: input.customerId, email },
        listMinor: list.priceMinor,
        currency: list.currency,
        countries: row.countries,
        preview: !input.customerId && !email,
      },
      { lock: false },
    );
  try {
    return { bundle, plan: await ask(input.code), refusal: null };
  } catch (err) {
    if (!(err instanceof PromotionRefused)) throw err;
    return {
      bundle,
      plan: await ask(undefined),
      refusal: { reason: err.reason, message: err.message, details: err.details },
    };
  }
}
