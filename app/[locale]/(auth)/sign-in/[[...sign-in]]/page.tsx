// /sign-in — Clerk's widget when Clerk is configured, otherwise our email-link form.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect as nextRedirect } from "next/navigation";
import { pageLocale } from "@/lib/i18n/server";
import { localizedPath } from "@/lib/i18n/paths";
import { env } from "@/lib/env";
import { currentUser } from "@/lib/auth";
import { safeNextPath } from "@/lib/auth/next-path";
import { SignInForm } from "@/components/account/sign-in-form";
import { ClerkSignIn } from "@/components/account/clerk-forms";
import { requestSignInLinkAction } from "../actions";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "auth.signIn" });
  return { title: t("metaTitle"), robots: { index: false } };
}

// The `error` values /api/auth/callback sends back here.
const ERRORS = { "link-invalid": "linkInvalid" } as const;

export default async function SignInPage({
  params: routeParams,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = await pageLocale(routeParams);
  const t = await getTranslations("auth.signIn");
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  // Without a `next`, the account in this page's language.
  const next = safeNextPath(one("next"), localizedPath(locale, "/account"));
  // `next` is a whole path (a German page's is /de/…), so it is not prefixed again.
  if (await currentUser()) nextRedirect(next);
  const errorKey = ERRORS[(one("error") ?? "") as keyof typeof ERRORS];
  const error = errorKey ? t(errorKey) : null;

  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-2 text-slate-700">{t("lead")}</p>
        {error ? (
          <p role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {error}
          </p>
        ) : null}
        <div className="card mt-6 p-6">
          {env().clerk.enabled ? (
            <ClerkSignIn next={next} />
          ) : (
            <SignInForm action={requestSignInLinkAction} next={next} defaultEmail={one("email")} />
          )}
        </div>
        <p className="mt-4 text-sm text-slate-600">{t("noAccount")}</p>
      </div>
    </div>
  );
}
