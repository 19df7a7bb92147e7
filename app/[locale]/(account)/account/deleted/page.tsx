// /account/deleted — where deleting an account lands.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link } from "@/lib/i18n/navigation";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "account.deleted" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function AccountDeletedPage({ params }: { params: Params }) {
  await pageLocale(params);
  const t = await getTranslations("account.deleted");
  return (
    <div className="container-page max-w-2xl py-14">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="mt-4 text-slate-700">
        {t.rich("body", {
          privacy: (chunks) => (
            <Link href="/privacy" className="text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
