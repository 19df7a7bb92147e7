// One eSIM on the account page: destination, plan, status, data left and days left.
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { localeOr } from "@/lib/i18n/locales";
import type { EsimSummary } from "@/lib/accounts/queries";
import { EsimStatusBadge } from "./esim-status-badge";
import { UsageBar } from "./usage-bar";
import { esimHeading } from "./destination";
import { Card } from "@/components/ui/card";

export function EsimSummaryCard({ esim, now }: { esim: EsimSummary; now: Date }) {
  const t = useTranslations("account.overview");
  const heading = esimHeading(esim.bundle, localeOr(useLocale()));
  const days =
    esim.daysLeft !== null
      ? t("daysLeft", { n: esim.daysLeft })
      : esim.status === "expired" || esim.status === "depleted"
        ? null
        : t("daysFromFirstUse", { n: esim.bundle.durationDays });
  return (
    <Card as="li" link className="p-5" data-testid="esim-summary" data-iccid={esim.iccid}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-lg font-semibold text-slate-900">
            <span className="flag mr-2" aria-hidden="true">
              {heading.flag}
            </span>
            <Link href={`/account/esims/${encodeURIComponent(esim.iccid)}`} className="card-link-target">
              {heading.title}
            </Link>
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">{heading.subtitle}</p>
        </div>
        <EsimStatusBadge status={esim.status} />
      </div>
      <div className="mt-4">
        <UsageBar
          initialBytes={esim.initialBytes}
          remainingBytes={esim.remainingBytes}
          unlimited={esim.unlimited}
          figuresAt={esim.figuresAt}
          now={now}
        />
      </div>
      <div className="mt-3 flex items-center justify-between text-sm text-slate-700">
        <span>{days ?? "\u00a0"}</span>
        <span className="font-mono text-xs text-slate-500">…{esim.iccid.slice(-6)}</span>
      </div>
    </Card>
  );
}
