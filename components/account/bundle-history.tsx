// Every bundle eSIM Go reports on this eSIM (the first one and any top-ups), newest first.
import { useLocale, useTranslations } from "next-intl";
import type { UsageBundle } from "@/lib/db/schema";
import { formatBytes, formatDay } from "@/lib/accounts/format";
import { titleFromProviderText } from "@/lib/catalogue/titles";
import { localeOr } from "@/lib/i18n/locales";

const STATES = ["processing", "queued", "active", "depleted", "expired", "revoked", "lapsed"] as const;
const isState = (s: string): s is (typeof STATES)[number] => (STATES as readonly string[]).includes(s);

/**
 * `titles` names the plans we sold by bundle name (the orders' snapshots); any other plan the provider reports is
 * named from its description in our words — the provider's own string never reaches the customer.
 */
export function BundleHistory({ bundles, titles = {} }: { bundles: UsageBundle[]; titles?: Record<string, string> }) {
  const t = useTranslations("account.bundles");
  const locale = localeOr(useLocale());
  if (bundles.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  const sorted = [...bundles].sort((a, b) => (b.assignedAt ?? "").localeCompare(a.assignedAt ?? ""));
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200" data-testid="bundle-history">
      {sorted.map((b) => (
        <li key={b.reference} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
          <span>
            <span className="font-medium text-slate-900">{titles[b.name] ?? titleFromProviderText(b.description)}</span>
            {b.assignedAt ? (
              <span className="ml-2 text-slate-600">
                {t("added", { date: formatDay(new Date(b.assignedAt), locale) })}
              </span>
            ) : null}
          </span>
          <span className="text-slate-700">
            {b.unlimited
              ? t("unlimited")
              : t("left", {
                  left: formatBytes(b.remainingBytes, locale),
                  total: formatBytes(b.initialBytes, locale),
                })}{" "}
            · {isState(b.state) ? t(`states.${b.state}`) : b.state}
          </span>
        </li>
      ))}
    </ul>
  );
}
