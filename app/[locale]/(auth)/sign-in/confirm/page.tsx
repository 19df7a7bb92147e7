// /sign-in/confirm?token=… — where the emailed sign-in link lands. Opening it changes nothing (mail scanners
// open links too); the button posts the token to /api/auth/callback, which signs in.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link } from "@/lib/i18n/navigation";
import { getDb } from "@/lib/db";
import { peekSignInLink } from "@/lib/auth/email-link";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "auth.confirm" });
  return {
    title: t("title"),
    robots: { index: false, follow: false },
    // The token is in this URL.
    referrer: "no-referrer",
  };
}

export default async function ConfirmSignInPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await pageLocale(params);
  const t = await getTranslations("auth.confirm");
  const { token } = await searchParams;
  const valid = typeof token === "string" ? await peekSignInLink(await getDb(), token) : null;
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        {valid && typeof token === "string" ? (
          <form action="/api/auth/callback" method="post" className="card mt-6 space-y-4 p-6">
            <p className="text-slate-700">
              {t.rich("continueAs", {
                email: valid.email,
                b: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
              })}
            </p>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="btn-primary w-full">
              {t("button")}
            </button>
          </form>
        ) : (
          <div role="alert" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p>{t("expired")}</p>
            <p className="mt-2">
              <Link href="/sign-in" className="font-medium underline underline-offset-2">
                {t("newLink")}
              </Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
