// Hands wallet funding to the provider registry. Called once by whatever starts the app (server start-up,
// the test setup): the registry must not import funding itself.
import { setWalletFunding } from "@/lib/providers";
import { walletFunding } from "./index";

export function wireWalletFunding(): void {
  setWalletFunding((provider) => walletFunding(provider));
}
