import { env } from "@/lib/env";
import { ProviderError } from "../http";
import type { Wallet } from "../types";
import { zenditClient, type ZenditClient } from "./client";
import { fromZenditMoney } from "./money";

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
