// GET /contact — how to reach the shop, and who it is.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { registrationLine, shopIdentity } from "@/lib/shop/identity";

interface Props {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.contact" });
  return pageMetadata("/contact", locale, { title: t("metaTitle"), description: t("metaDescription") });
}

function link(href: string) {
  return function LinkTag(chunks: React.ReactNode) {
    return <Link href={href}>{chunks}</Link>;
  };
}

export default async function ContactPage({ params }: Props) {
  const locale = await pageLocale(params);
  await connection();
  const t = await getTranslations({ locale, namespace: "store.contact" });
  const shop = shopIdentity();
  const registration = registrationLine(shop, locale);
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: t("heading") }]} />
      <article className="prose-help mt-4 max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
        <p className="text-lg">{t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}</p>
        <dl className="mt-6 grid gap-4 rounded-xl border border-slate-200 bg-slate-50 p-5 sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold text-slate-900">{t("email")}</dt>
          <dd>
            <a href={`mailto:${shop.supportEmail}`}>{shop.supportEmail}</a>
          </dd>
          {shop.supportPhone ? (
            <>
              <dt className="font-semibold text-slate-900">{t("phone")}</dt>
              <dd>
                <a href={`tel:${shop.supportPhone.replace(/[^+\d]/g, "")}`}>{shop.supportPhone}</a>
              </dd>
            </>
          ) : null}
          {shop.chatUrl ? (
            <>
              <dt className="font-semibold text-slate-900">{t("chat")}</dt>
              <dd>
                <a href={shop.chatUrl} rel="noopener">
                  {t("chatLink")}
                </a>
              </dd>
            </>
          ) : null}
          <dt className="font-semibold text-slate-900">{t("company")}</dt>
          <dd className="text-slate-700">
            {shop.legalName}
            <br />
            {shop.address}
            {registration ? (
              <>
                <br />
                {registration}
              </>
            ) : null}
          </dd>
        </dl>
        <h2>{t("beforeHeading")}</h2>
        <ul>
          <li>{t.rich("lost", { lost: link("/orders/lost") })}</li>
          <li>{t.rich("install", { install: link("/help/install") })}</li>
          <li>{t.rich("refunds", { refunds: link("/refund-policy"), faq: link("/faq") })}</li>
        </ul>
      </article>
    </div>
  );
}
