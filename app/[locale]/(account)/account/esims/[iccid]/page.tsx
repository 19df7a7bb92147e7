// /account/esims/[iccid] — one eSIM: status and data, install (QR, one-tap, manual codes), plan history,
// top-up, and the log of who viewed the activation details. Owner or admin only; anyone else gets 404.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { localizedPath } from "@/lib/i18n/paths";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { requestMeta } from "@/lib/http/client-ip";
import { loadEsimPage, loadTopUpOptions } from "@/lib/accounts/pages";
import { androidInstallUrl, appleInstallUrl, isAndroid, supportsIosOneTap } from "@/lib/delivery/links";
import { EsimCard } from "@/components/esim/esim-card";
import { EsimStatusBadge } from "@/components/account/esim-status-badge";
import { UsageBar } from "@/components/account/usage-bar";
import { BundleHistory } from "@/components/account/bundle-history";
import { AccessLog } from "@/components/account/access-log";
import { TopUpSection } from "@/components/account/top-up-section";
import { esimHeading } from "@/components/account/destination";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card } from "@/components/ui/card";
import { EsimControlsPanel } from "@/components/account/esim-controls-panel";
import { confirmInstalledAction, restoreAction, suspendAction, topUpAction } from "./actions";

type Params = Promise<{ locale: string; iccid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "account.esim" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function EsimPage({ params }: { params: Params }) {
  const locale = await pageLocale(params);
  const t = await getTranslations("account.esim");
  const { iccid } = await params;
  const user = await requireUser(localizedPath(locale, `/account/esims/${encodeURIComponent(iccid)}`));
  if (!/^\d{10,22}$/.test(iccid)) notFound();
  const meta = await requestMeta();
  const data = await loadEsimPage(user, iccid, meta);
  if (!data) notFound();
  const { esim, views } = data;
  const heading = esimHeading(esim.bundle, locale);
  const now = new Date();
  const device = { iosOneTap: supportsIosOneTap(meta.userAgent), android: isAndroid(meta.userAgent) };

  return (
    <div className="container-page py-10">
      <Breadcrumbs items={[{ href: "/account", label: t("breadcrumb") }, { label: heading.title }]} />
      <div className="mt-3 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">
            <span className="flag mr-2" aria-hidden="true">
              {heading.flag}
            </span>
            {heading.title}
          </h1>
          <p className="mt-1 text-slate-600">{heading.subtitle}</p>
        </div>
        <EsimStatusBadge status={esim.status} />
      </div>
      {user.isAdmin && esim.ownerEmail !== user.email ? (
        <p className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("adminView", { owner: esim.ownerEmail ?? t("aGuest") })}
        </p>
      ) : null}

      {/* min-w-0: a grid column otherwise grows to its widest content (the access log's table), past a phone's width. */}
      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-8">
          <Card as="section" aria-labelledby="usage-heading" className="p-5 sm:p-6">
            <h2 id="usage-heading" className="text-xl font-bold text-slate-900">
              {t("dataHeading")}
            </h2>
            <div className="mt-4">
              <UsageBar
                initialBytes={esim.initialBytes}
                remainingBytes={esim.remainingBytes}
                queuedBytes={esim.queuedBytes}
                unlimited={esim.unlimited}
                figuresAt={esim.figuresAt}
                now={now}
              />
            </div>
            <p className="mt-3 text-sm text-slate-700">
              {esim.daysLeft !== null
                ? t("daysLeft", { n: esim.daysLeft })
                : t("clockStarts", { n: esim.bundle.durationDays })}
            </p>
            <h3 className="mt-6 mb-3 text-base font-semibold text-slate-900">{t("plansHeading")}</h3>
            <BundleHistory
              bundles={esim.usage?.bundles ?? []}
              titles={Object.fromEntries(esim.orders.map((o) => [o.bundleSnapshot.name, o.bundleSnapshot.title]))}
            />
          </Card>

          <EsimCard
            esim={{
              iccid: esim.iccid,
              lpa: esim.lpa,
              smdpAddress: esim.smdpAddress,
              matchingId: esim.matchingId,
              appleInstallUrl: appleInstallUrl(esim.lpa),
              androidInstallUrl: androidInstallUrl(esim.lpa),
            }}
            device={device}
          />

          <Card as="section" aria-labelledby="log-heading" className="p-5 sm:p-6">
            <h2 id="log-heading" className="text-xl font-bold text-slate-900">
              {t("logHeading")}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-600">{t("logIntro")}</p>
            <AccessLog views={views} selfEmail={user.email} />
          </Card>
        </div>

        <aside className="min-w-0 space-y-6">
          <EsimControlsPanel
            user={user}
            iccid={esim.iccid}
            actions={{ installed: confirmInstalledAction, suspend: suspendAction, restore: restoreAction }}
          />
          <TopUpSection
            iccid={esim.iccid}
            status={esim.status}
            options={loadTopUpOptions(user, esim.iccid)}
            action={topUpAction}
          />
        </aside>
      </div>
    </div>
  );
}
