import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { connection } from "next/server";
import { listRegions } from "@/lib/catalogue/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { RegionCard } from "@/components/catalogue/region-card";

interface Props {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.regions" });
  return pageMetadata("/regions", locale, {
    title: t("metaTitle"),
    description: t("metaDescription"),
    ogTitle: `${t("metaTitle")} · Tern`,
  });
}

export default async function RegionsPage({ params }: Props) {
  await pageLocale(params);
  const t = await getTranslations("store.regions");
  // Per request from the cached catalogue: the build has no catalogue to prerender.
  await connection();
  const regions = await listRegions();
  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: t("crumb") }]} />
      <h1 className="mt-5 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
      <p className="mt-2 max-w-2xl text-slate-600">{t("intro")}</p>
      {regions.length > 0 ? (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {regions.map((r) => (
            <RegionCard key={r.slug} region={r} headingLevel={2} />
          ))}
        </ul>
      ) : (
        <p className="card mt-8 p-6 text-slate-600">{t("loading")}</p>
      )}
    </div>
  );
}
