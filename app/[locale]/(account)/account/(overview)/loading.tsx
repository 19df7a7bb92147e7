import { useTranslations } from "next-intl";

export default function Loading() {
  const t = useTranslations("account.overview");
  return (
    <div className="container-page py-10" aria-busy="true" aria-live="polite">
      <p className="sr-only">{t("loading")}</p>
      <div className="h-9 w-48 animate-pulse rounded bg-slate-200" />
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="card h-44 animate-pulse bg-slate-50" />
        ))}
      </div>
    </div>
  );
}
