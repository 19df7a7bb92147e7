"use client";

// An order page failed to render (database or Stripe unreachable). Unlike the shop's generic error, this buyer
// may already have paid: say that the order is safe and the email will come, and offer a retry.
import { useEffect } from "react";
import { useTranslations } from "next-intl";

export function OrderPageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors.order");
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";

  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="mt-4 text-base leading-relaxed text-slate-700">{t("body")}</p>
        <div className="mt-8 flex justify-center">
          <button type="button" onClick={() => retry()} className="btn-primary">
            {t("retry")}
          </button>
        </div>
        {digest && <p className="mt-6 text-xs text-slate-600">{t("reference", { digest })}</p>}
      </div>
    </div>
  );
}
