import { and, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { exchangeRates } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { revalidateCatalogue } from "@/lib/catalogue/cache";
import { sendAdminAlert } from "@/lib/delivery/email";
import { log } from "@/lib/observability/logger";
import { priceBundles, type CurrencySettings, type PricingPass } from "./bundle-prices";
import { currencySettings } from "./settings";
import { claimStaleAlerts, refreshRates } from "./rates";

export interface RatesJobResult {
  sourceDate: string | null;
  sourceError?: string;
  priced: PricingPass["priced"];
  stopped: PricingPass["stopped"];
  alerted: string[];
}

export async function runExchangeRates(db: Db, now = new Date()): Promise<RatesJobResult> {
  const settings = await currencySettings(db);
  if (settings.currencies.every((c) => c === settings.base))
    return { sourceDate: null, priced: {}, stopped: [], alerted: [] };
  let sourceDate: string | null = null;
  let sourceError: string | undefined;
  try {
    sourceDate = (await refreshRates(db, { url: settings.ratesUrl, ...settings })).date;
  } catch (err) {
    // A source that stays down is how a rate goes stale: the age check below is what protects money.
    sourceError = err instanceof Error ? err.message : String(err);
    log.warn({ err }, "fetching exchange rates failed; the stored rates stand until they are too old");
  }
  const pass = await db.transaction((tx) => priceBundles(tx, settings, now));
  const stale = pass.stopped.filter((s) => s.reason === "stale").map((s) => s.currency);
  const selling = pass.states.filter((s) => s.sellable).map((s) => s.currency);
  if (selling.length)
    await db
      .update(exchangeRates)
      .set({ staleAlertedAt: null })
      .where(and(inArray(exchangeRates.currency, selling), isNotNull(exchangeRates.staleAlertedAt)));
  const alerted = await claimStaleAlerts(db, stale);
  if (alerted.length) await sendStaleAlert(pass, alerted, settings, sourceError, now);
  revalidateCatalogue();
  return { sourceDate, ...(sourceError ? { sourceError } : {}), priced: pass.priced, stopped: pass.stopped, alerted };
}

async function sendStaleAlert(
  pass: PricingPass,
  currencies: string[],
  settings: CurrencySettings,
  sourceError: string | undefined,
  now: Date,
): Promise<void> {
  const lines = currencies.map((c) => {
    const s = pass.states.find((x) => x.currency === c);
    return `  ${c}: last rate for ${s?.asOf ?? "?"}`;
  });
  try {
    await sendAdminAlert(
      {
        subject: `[Tern] Stopped selling in ${currencies.join(", ")}: exchange rate older than ${settings.maxAgeDays} days`,
        text: [
          `These currencies no longer sell; visitors see ${settings.base} prices instead:`,
          ...lines,
          sourceError ? `The rate source answered: ${sourceError}` : "The rate source answers, but its table is old.",
          `Pin a rate to sell again until the source recovers: ${env().appUrl}/admin/catalogue#currencies`,
        ].join("\n"),
      },
      `currency-stale/${currencies.join(",")}/${now.toISOString().slice(0, 10)}`,
    );
  } catch (err) {
    // The stale currency has already stopped selling, which is what matters.
    log.error({ err, currencies }, "the stale-rate alert could not be sent");
  }
}
