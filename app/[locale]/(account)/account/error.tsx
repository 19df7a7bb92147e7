"use client";
// Something failed while loading account data; the figures are safe, a retry usually works.
import { useTranslations } from "next-intl";

export default function AccountError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("account.error");
  return (
    <div className="container-page py-16">
      <h1 className="text-2xl font-bold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      <button type="button" onClick={reset} className="btn-primary mt-6">
        {t("retry")}
      </button>
    </div>
  );
}
