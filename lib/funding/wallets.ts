// The wallet operations funding needs from a prepaid provider, in our own words.
import type { ProviderName } from "@/lib/providers/http";
import { ProviderError } from "@/lib/providers/http";
import { env } from "@/lib/env";
import { zenditClient, type ZenditClient } from "@/lib/providers/zendit/client";
import { fromZenditMoney } from "@/lib/providers/zendit/money";

export interface CardForTopup {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type TopupOutcome = { ok: true } | { ok: false; declined: true; reason: string };

export interface Wallet {
  provider: ProviderName;
  balance(): Promise<{ availableMinor: number; currency: string }>;
  /** Charge `card` into the wallet; `transactionId` makes a retried top-up return the first outcome. */
  topUp(input: {
    card: CardForTopup;
    amountMinor: number;
    currency: string;
    transactionId: string;
  }): Promise<TopupOutcome>;
}

export function zenditWallet(client: ZenditClient = zenditClient(), topupUrl = env().funding.topupUrl): Wallet {
  return {
    provider: "zendit",
    async balance() {
      const b = await client.balance();
      const money = fromZenditMoney(b.availableBalance, b.currencyDivisor, b.currency);
      return { availableMinor: money.amountMinor, currency: money.currency };
    },
    async topUp({ card, amountMinor, currency, transactionId }) {
      if (!topupUrl)
        throw new Error("ZENDIT_TOPUP_URL is not set: Zendit has no top-up API (fund the wallet in its console)");
      try {
        // Zendit money is integer + divisor; the wallet currencies we fund (USD, EUR, GBP) use 100.
        await client.topUp(topupUrl, { card, amount: amountMinor, currency, transactionId });
        return { ok: true };
      } catch (err) {
        if (err instanceof ProviderError && err.kind === "http" && err.status === 402) {
          const fields = (err.body as { fields?: { reason?: unknown } } | undefined)?.fields;
          return { ok: false, declined: true, reason: typeof fields?.reason === "string" ? fields.reason : "declined" };
        }
        throw err;
      }
    },
  };
}

export function walletFor(provider: ProviderName): Wallet {
  if (provider === "zendit") return zenditWallet();
  throw new Error(`${provider} has no wallet to fund`);
}
