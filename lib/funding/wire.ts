// Called once at start-up: the registry must not import funding itself.
import { setWalletFunding } from "@/lib/providers";
import { walletFunding } from "./index";

export function wireWalletFunding(): void {
  setWalletFunding((provider) => walletFunding(provider));
}
