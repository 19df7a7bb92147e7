// "Add data": the compatible bundles for this eSIM. Streams in under Suspense: the options come from the
// provider's compatibility checks, and the rest of the page must not wait for them.
import { Suspense } from "react";
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { localeOr } from "@/lib/i18n/locales";
import type { TopUpOption } from "@/lib/accounts/esim-topup";
import type { ActionState } from "@/lib/auth/action";
import type { EsimDisplayStatus } from "@/lib/usage/figures";
import { formatMoney } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { TopUpForm } from "./top-up-form";

type TopUpAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function TopUpSection({
  iccid,
  status,
  options,
  action,
}: {
  iccid: string;
  status: EsimDisplayStatus;
  /** Started by the page (lib/accounts loadTopUpOptions), awaited here inside the Suspense boundary. */
  options: Promise<TopUpOption[] | null>;
  action: TopUpAction;
}) {
  const t = useTranslations("account.topUp");
  return (
    <Card as="section" id="top-up" aria-labelledby="top-up-heading" className="scroll-mt-6 p-5">
      <h2 id="top-up-heading" className="text-lg font-bold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {status === "expired" || status === "depleted" ? t("revive") : t("more")}
      </p>
      <Suspense fallback={<p className="mt-4 text-sm text-slate-600">{t("finding")}</p>}>
        <TopUpOptions iccid={iccid} options={options} action={action} />
      </Suspense>
    </Card>
  );
}

async function TopUpOptions({
  iccid,
  options,
  action,
}: {
  iccid: string;
  options: Promise<TopUpOption[] | null>;
  action: TopUpAction;
}) {
  const list = await options;
  const t = await getTranslations("account.topUp");
  if (!list || list.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">{t("none")}</p>;
  }
  const locale = localeOr(await getLocale());
  const choices = list.map((o) => ({
    name: o.name,
    title: o.title,
    price: formatMoney(o.priceMinor, o.currency, locale),
  }));
  return <TopUpForm iccid={iccid} choices={choices} action={action} />;
}
