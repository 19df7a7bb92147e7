// /orders/<id>/receipt — the printable receipt, for whoever may open the order (owner, private link, the
// browser that paid) or holds the emailed receipt link (?r=). Anyone else gets the same 404 as a missing order.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { Link } from "@/lib/i18n/navigation";
import { notFound } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getReceiptView } from "@/lib/payments/receipts";
import { ReceiptDocument } from "@/components/receipt/receipt-document";
import { PrintButton } from "@/components/receipt/print-button";

interface Props {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "checkout.receiptPage" });
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

const param = (v: string | string[] | undefined) =>
  typeof v === "string" && v.length > 0 && v.length <= 200 ? v : undefined;

export default async function ReceiptPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "checkout.receiptPage" });
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const token = param(query.t);
  const signature = param(query.r);
  const user = await currentUser();
  if (!token && !signature && !user) notFound();
  const receipt = await getReceiptView(id, { token, signature, customerId: user?.id });
  if (!receipt) notFound();
  const back = user ? "/account" : token ? `/orders/${encodeURIComponent(id)}?t=${encodeURIComponent(token)}` : null;
  return (
    <div className="container-page max-w-3xl py-10">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
        {back ? (
          <Link href={back} className="font-medium text-brand-700 underline underline-offset-2">
            {t("back", { to: user ? "account" : "order" })}
          </Link>
        ) : (
          <span />
        )}
        <PrintButton label={t("print")} />
      </div>
      <ReceiptDocument receipt={receipt} />
    </div>
  );
}
