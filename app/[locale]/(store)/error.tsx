"use client";

// A shop page failed to render (most likely the catalogue database is unreachable). Offer a retry and the
// way back; never show the raw error to customers — the digest ties this screen to the server log.
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function StoreError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors.store");
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";

  return (
    <div className="container-page py-16 sm:py-24">
      <div className="mx-auto max-w-xl text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("eyebrow")}</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="mt-4 text-base leading-relaxed text-slate-600">{t("body")}</p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <button type="button" onClick={() => retry()} className="btn-primary">
            {t("retry")}
          </button>
          <Link href="/" className="btn-secondary">
            {t("home")}
          </Link>
        </div>
        {digest && <p className="mt-6 text-xs text-slate-600">{t("reference", { digest })}</p>}
      </div>
    </div>
  );
}
