import { env, sandboxedServices } from "@/lib/env";

/**
 * A loud notice whenever payments or provisioning run against the local sandbox. It must show on a
 * production build too: that is exactly where someone could mistake a demo shop for a real one.
 */
export function SandboxBanner() {
  const e = env();
  const sandboxed = sandboxedServices(e);
  if (sandboxed.length === 0) return null;
  return (
    <div className="border-b border-amber-300 bg-amber-100 text-amber-950" data-testid="sandbox-banner">
      <p className="container-page py-2 text-center text-sm">
        <strong className="font-semibold">Sandbox — no real money moves.</strong>{" "}
        <span className="hidden sm:inline">
          {sandboxed.join(", ")} run against the local sandbox. Pay with a Stripe test card such as
          4242&nbsp;4242&nbsp;4242&nbsp;4242.
        </span>
      </p>
    </div>
  );
}
