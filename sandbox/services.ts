// Every imitated service, registered on one router.
import type { SandboxApp } from "./server";
import { registerStorage } from "./storage";
import { registerResend } from "./resend";
import { registerZendit } from "./zendit";
import { registerIndexPage } from "./pages/index-page";
import { registerEsimGo } from "./esim-go";
import { registerStripe } from "./stripe";
import { registerEcb } from "./ecb";

export function registerServices(app: SandboxApp): void {
  // Filled in by each service module: stripe/, esim-go/, zendit/, storage/, resend/.
  registerStorage(app);
  registerResend(app);
  registerZendit(app);
  registerIndexPage(app);
  registerEsimGo(app);
  registerStripe(app);
  registerEcb(app);
}
