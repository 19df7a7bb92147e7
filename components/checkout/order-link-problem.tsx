"use client";

// What an order link that cannot open its order says: why, when we know (expired or revoked — told only to
// someone holding a link that really was this order's), and always how to get a fresh one. A client component
// for the same reason as NotFoundContent: the order's not-found screen has no locale segment to read.
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export function OrderLinkProblem({ reason }: { reason: "expired" | "revoked" | "unknown" }) {
  const t = useTranslations("errors.orderLink");
  return (
    <div className="container-page py-12 sm:py-16" data-testid="order-link-problem" data-reason={reason}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t(`${reason}.heading`)}</h1>
        <p className="mt-4 leading-relaxed text-slate-700">{t(`${reason}.body`)}</p>
        <p className="mt-4 leading-relaxed text-slate-700">{t("fresh")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/orders/lost" className="btn-primary">
            {t("send")}
          </Link>
          <Link href="/account" className="btn-secondary">
            {t("account")}
          </Link>
        </div>
      </div>
    </div>
  );
}
