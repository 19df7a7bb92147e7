// Data left as a bar, with when the figures were last updated. A real <meter>-like role so screen readers
// read "data left, 62 %".
import { useLocale, useTranslations } from "next-intl";
import { elapsed, formatBytes } from "@/lib/accounts/format";
import { localeOr } from "@/lib/i18n/locales";

export function UsageBar({
  initialBytes,
  remainingBytes,
  unlimited,
  figuresAt,
  now,
  queuedBytes = 0,
}: {
  initialBytes: number | null;
  remainingBytes: number | null;
  /** Of what is left, the part in plans waiting to start (a queued top-up). */
  queuedBytes?: number;
  unlimited: boolean;
  figuresAt: Date | null;
  now: Date;
}) {
  const t = useTranslations("account.usage");
  const locale = localeOr(useLocale());
  const updated = figuresAt ? t("updated", elapsed(figuresAt, now)) : t("notReported");
  if (unlimited) {
    return (
      <div>
        <p className="text-sm font-medium text-slate-800">{t("unlimited")}</p>
        <p className="mt-1 text-xs text-slate-600">{updated}</p>
      </div>
    );
  }
  if (initialBytes === null || remainingBytes === null || initialBytes <= 0) {
    return <p className="text-sm text-slate-600">{updated}</p>;
  }
  const left = Math.max(0, Math.min(100, Math.round((remainingBytes / initialBytes) * 100)));
  const colour = left <= 0 ? "bg-red-600" : left <= 20 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-slate-900" data-testid="data-left">
          {t("left", { amount: formatBytes(remainingBytes, locale) })}
        </span>
        <span className="text-slate-600">{t("of", { amount: formatBytes(initialBytes, locale) })}</span>
      </div>
      <div
        role="meter"
        aria-label={t("meterLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={left}
        aria-valuetext={t("meterText", { percent: left })}
        className="mt-1.5 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${colour}`} style={{ width: `${left}%` }} />
      </div>
      {queuedBytes > 0 && (
        <p className="mt-1 text-sm text-slate-700" data-testid="data-queued">
          {t("queued", { amount: formatBytes(queuedBytes, locale) })}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-600" data-testid="usage-updated">
        {updated}
      </p>
    </div>
  );
}
