// /devices?q= — which phones, tablets and watches take a travel eSIM, and how to check on the phone itself.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DeviceFinder } from "@/components/devices/device-finder";
import { CheckOnPhone } from "@/components/devices/check-on-phone";

interface Props {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.devicesPage" });
  return pageMetadata("/devices", locale, { title: t("metaTitle"), description: t("metaDescription") });
}

export default async function DevicesPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.devicesPage" });
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100) : "";
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: t("crumb") }]} />
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      <div className="mt-8 grid gap-10 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0">
          <DeviceFinder initialQuery={query} />
        </div>
        <CheckOnPhone />
      </div>
    </div>
  );
}
