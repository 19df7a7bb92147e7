// /orders/lost — request fresh access to your orders by email (rate-limited; reveals nothing).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link, getPathname } from "@/lib/i18n/navigation";
import { env } from "@/lib/env";
import { SignInForm } from "@/components/account/sign-in-form";
import { requestOrderLinksAction } from "./actions";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "account.lost" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function LostOrderLinkPage({ params }: { params: Params }) {
  const locale = await pageLocale(params);
  const t = await getTranslations("account.lost");
  const account = getPathname({ href: "/account", locale });
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        {env().clerk.enabled ? (
          <p className="mt-3 text-slate-700">
            {t.rich("clerk", {
              link: (chunks) => (
                <Link
                  href={`/sign-in?next=${encodeURIComponent(account)}`}
                  className="font-medium text-brand-700 underline underline-offset-2"
                >
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <>
            <p className="mt-2 text-slate-700">{t("intro")}</p>
            <div className="card mt-6 p-6">
              <SignInForm action={requestOrderLinksAction} next={account} submitLabel={t("submit")} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
