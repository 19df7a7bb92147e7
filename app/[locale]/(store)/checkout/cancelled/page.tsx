// /checkout/cancelled?order=<id>&bundle=<name> — Stripe's cancel URL. Nothing was charged; offer the way back
// to the bundle. The page reads no order data (the link carries no credential), only the bundle name the
// checkout put in the URL.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { parseBundleName } from "@/lib/catalogue/bundle-name";
import { bundleHref } from "@/lib/catalogue/hrefs";
import { DeviceCheck } from "@/components/devices/device-check";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checkout.cancelled");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function CheckoutCancelledPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { bundle } = await searchParams;
  const name = parseBundleName(bundle);
  const backHref = name ? bundleHref(name) : null;
  const t = await getTranslations("checkout.cancelled");

  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center" data-testid="checkout-cancelled">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-4 text-lg leading-relaxed text-slate-700">{t("body")}</p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          {backHref ? <ButtonLink href={backHref}>{t("back")}</ButtonLink> : null}
          <ButtonLink href="/" variant={backHref ? "secondary" : "primary"}>
            {t("browse")}
          </ButtonLink>
        </div>
        <div className="mt-10 text-left">{backHref ? <DeviceCheck /> : null}</div>
      </div>
    </div>
  );
}
