// /sign-up — Clerk's widget when Clerk is configured; with email links, signing in is signing up.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { pageLocale } from "@/lib/i18n/server";
import { localizedPath } from "@/lib/i18n/paths";
import { env } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/next-path";
import { ClerkSignUp } from "@/components/account/clerk-forms";

type Params = Promise<{ locale: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "auth.signUp" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function SignUpPage({
  params: routeParams,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = await pageLocale(routeParams);
  const t = await getTranslations("auth.signUp");
  const params = await searchParams;
  const next = safeNextPath(
    typeof params.next === "string" ? params.next : undefined,
    localizedPath(locale, "/account"),
  );
  if (!env().clerk.enabled) {
    const email = typeof params.email === "string" ? `&email=${encodeURIComponent(params.email)}` : "";
    redirect(`${localizedPath(locale, "/sign-in")}?next=${encodeURIComponent(next)}${email}`);
  }
  return (
    <div className="container-page flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-md">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        <div className="card mt-6 p-6">
          <ClerkSignUp next={next} />
        </div>
      </div>
    </div>
  );
}
