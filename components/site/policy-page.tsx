import { useTranslations } from "next-intl";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import type { Locale } from "@/lib/i18n/locales";
import { registrationLine, type ShopIdentity } from "@/lib/shop/identity";
import type { Policy } from "@/lib/shop/policies";

/** A policy page: the Markdown-rendered text under a title, with who the shop is at the foot. */
export function PolicyPage({ policy, shop, locale }: { policy: Policy; shop: ShopIdentity; locale: Locale }) {
  const t = useTranslations("store.policies");
  const registration = registrationLine(shop, locale);
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: policy.title }]} />
      <article className="prose-help mt-4 max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{policy.title}</h1>
        <div dangerouslySetInnerHTML={{ __html: policy.html }} />
        <p className="mt-10 border-t border-slate-200 pt-4 text-sm">
          {shop.legalName} · {shop.address}
          {registration ? ` · ${registration}` : ""}
        </p>
      </article>
    </div>
  );
}
