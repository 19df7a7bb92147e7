// /checkout/review?bundle=<name>&code=<code> — the step before paying when a code is applied: the plan, its
// price, the code's discount (or exactly why it cannot be used), any referral credit, and the total that
// Stripe will charge. The Pay button posts that total with the code, and checkout refuses any other amount.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link } from "@/lib/i18n/navigation";
import { LocaleField } from "@/components/checkout/locale-field";
import { notFound } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { requestMeta } from "@/lib/http/client-ip";
import { parseBundleName } from "@/lib/catalogue/bundle-name";
import { bundleHref } from "@/lib/catalogue/hrefs";
import { formatMoney } from "@/lib/format";
import { quoteCheckout } from "@/lib/promotions/quote";
import { refusalMessage, type RefusalDetails } from "@/lib/promotions/rules";
import { refusalWording } from "@/lib/promotions/refusal-wording";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DeviceCheck } from "@/components/devices/device-check";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "checkout.review" });
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

interface Props {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ReviewPage({ params: routeParams, searchParams }: Props) {
  const locale = await pageLocale(routeParams);
  const t = await getTranslations({ locale, namespace: "checkout.review" });
  const params = await searchParams;
  const name = parseBundleName(one(params.bundle));
  if (!name) notFound();
  const code = one(params.code)?.trim().slice(0, 64) || undefined;
  const user = await currentUser();
  const { ip } = await requestMeta();
  // Checkout sends a refused code back with its reason (the buyer's email is not in the address to re-check
  // it): show the reason and the price without the code.
  const sentBack = refusalMessage(one(params.error));
  const quote = await quoteCheckout({
    bundleName: name,
    code: sentBack ? undefined : code,
    customerId: user?.id,
    email: user?.email,
    ip,
    currency: one(params.currency)?.slice(0, 3),
  });
  if (!quote) notFound();
  const { bundle, plan } = quote;
  const refusal = quote.refusal ?? (sentBack ? { reason: one(params.error)!, message: sentBack } : null);
  // Said from the reason and its details (a date, an amount) in the page's language and formats; the rules'
  // English sentence only for a reason the messages do not know.
  const refusalText = (r: { reason: string; message: string; details?: RefusalDetails }) => {
    const { key, values } = refusalWording(r.reason, r.details, locale);
    return t.has(`refusals.${key}`) ? t(`refusals.${key}`, values) : r.message;
  };
  const money = (minor: number) => formatMoney(minor, bundle.currency, locale);
  const priceChanged = one(params.error) === "price_changed";

  return (
    <div className="container-page py-8 sm:py-12">
      <Breadcrumbs
        items={[
          { href: "/", label: t("home") },
          { href: bundleHref(bundle.name), label: bundle.title },
          { label: t("crumb") },
        ]}
      />
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_22rem]">
        <Card className="p-5 sm:p-6">
          <h2 className="text-lg font-semibold text-slate-900">{t("planTitle", { title: bundle.title })}</h2>
          {refusal && (
            <p
              role="alert"
              className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
              data-testid="promo-error"
              data-reason={refusal.reason}
            >
              {code ? <strong className="font-semibold">{code.toUpperCase()}: </strong> : null}
              {refusalText(refusal)}
            </p>
          )}
          {priceChanged && !refusal && (
            <p role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              {t("priceChanged")}
            </p>
          )}
          {plan && (
            <dl className="mt-4 space-y-2 text-slate-800" data-testid="price-breakdown">
              <div className="flex justify-between">
                <dt>{t("price")}</dt>
                <dd>{money(plan.listMinor)}</dd>
              </div>
              {plan.discountMinor > 0 && (
                <div className="flex justify-between text-emerald-800" data-testid="promo-discount">
                  <dt>{t("code", { code: plan.promotion?.code ?? "" })}</dt>
                  <dd>−{money(plan.discountMinor)}</dd>
                </div>
              )}
              {plan.creditMinor > 0 && (
                <div className="flex justify-between text-emerald-800">
                  <dt>{t("credit")}</dt>
                  <dd>−{money(plan.creditMinor)}</dd>
                </div>
              )}
              <div className="flex justify-between border-t border-slate-200 pt-2 text-lg font-bold text-slate-900">
                <dt>{t("total")}</dt>
                <dd data-testid="final-price">{money(plan.finalMinor)}</dd>
              </div>
            </dl>
          )}
          <p className="mt-4 text-sm">
            <Link href={bundleHref(bundle.name)} className="font-medium text-brand-700 underline underline-offset-2">
              {t("back")}
            </Link>
          </p>
        </Card>
        <Card className="p-5 sm:p-6">
          {bundle.active && plan ? (
            <>
              <form method="post" action="/api/checkout" className="space-y-4">
                <input type="hidden" name="bundle" value={bundle.name} />
                <LocaleField />
                {plan.promotion && <input type="hidden" name="code" value={plan.promotion.code} />}
                <input type="hidden" name="expect" value={plan.finalMinor} />
                <input type="hidden" name="currency" value={bundle.currency} />
                {!user && (
                  <Field id="review-email" label={plan.promotion ? t("emailRequired") : t("emailOptional")}>
                    <Input
                      id="review-email"
                      name="email"
                      type="email"
                      autoComplete="email"
                      required={Boolean(plan.promotion)}
                      placeholder="you@example.com"
                    />
                  </Field>
                )}
                <Button type="submit" className="w-full text-lg">
                  {t("pay", { amount: money(plan.finalMinor) })}
                </Button>
              </form>
              <p className="mt-3 text-sm text-slate-600">{t("stripeNote")}</p>
              <DeviceCheck />
            </>
          ) : (
            <p className="text-slate-700">{t("unavailable")}</p>
          )}
        </Card>
      </div>
    </div>
  );
}
