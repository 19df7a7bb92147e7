import type { ProviderName } from "@/lib/providers/http";
import type { WalletFunding } from "@/lib/providers/types";
import { ensureWalletFunds, settleWalletDemand, type EnsureFundsOptions } from "./wallet";

export { ensureWalletFunds, settleWalletDemand } from "./wallet";
export { decideAuthorization } from "./authorization";

export function walletFunding(provider: ProviderName, options: EnsureFundsOptions = {}): WalletFunding {
  return {
    ensure: async ({ orderId, neededMinor, currency }) => {
      await ensureWalletFunds({ provider, neededMinor, currency, orderIds: [orderId] }, options);
    },
    settled: (orderId) => settleWalletDemand(provider, [orderId], options.db),
  };
}
