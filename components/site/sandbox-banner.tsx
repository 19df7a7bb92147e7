import { getTranslations } from "next-intl/server";
import { env, sandboxedServices } from "@/lib/env";

/**
 * A loud notice whenever payments or provisioning run against the local sandbox. It must show on a
 * production build too: that is exactly where someone could mistake a demo shop for a real one.
 */
export async function SandboxBanner() {
  const t = await getTranslations("site.sandbox");
  const e = env();
  const sandboxed = sandboxedServices(e);
  if (sandboxed.length === 0) return null;
  return (
    <div className="border-b border-amber-300 bg-amber-100 text-amber-950" data-testid="sandbox-banner">
      <p className="container-page py-2 text-center text-sm">
        <strong className="font-semibold">{t("title")}</strong>{" "}
        <span className="hidden sm:inline">
          {t("detail", { services: sandboxed.join(", "), card: "4242\u00a04242\u00a04242\u00a04242" })}
        </span>
      </p>
    </div>
  );
}
