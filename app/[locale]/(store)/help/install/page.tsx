import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PhoneSteps } from "@/components/help/phone-steps";

interface Props {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.install" });
  return pageMetadata("/help/install", locale, {
    title: t("metaTitle"),
    description: t("metaDescription"),
    ogTitle: t("ogTitle"),
  });
}

const CONTENTS = ["before", "iphone", "android", "manual", "roaming", "troubleshooting"] as const;

const tags = {
  strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
  em: (chunks: React.ReactNode) => <em>{chunks}</em>,
  code: (chunks: React.ReactNode) => <code>{chunks}</code>,
  account: (chunks: React.ReactNode) => <Link href="/account">{chunks}</Link>,
  manual: (chunks: React.ReactNode) => <a href="#manual">{chunks}</a>,
};

export default async function InstallHelpPage({ params }: Props) {
  const locale = await pageLocale(params);
  // Static text, but rendered per request: the layout around it reads the runtime configuration (public
  // URL for canonical links, the sandbox banner), and a build may run with different settings than the
  // server — a page baked at build time could show a live shop as "Sandbox", or the other way round.
  await connection();
  const t = await getTranslations({ locale, namespace: "store.install" });
  const rich = (key: string) => t.rich(key, tags);
  /** The numbered or bulleted items 1..count under `key`. */
  const items = (key: string, count: number) =>
    Array.from({ length: count }, (_, i) => <li key={i}>{rich(`${key}.${i + 1}`)}</li>);
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: t("crumb") }]} />
      <div className="mt-4 grid gap-10 lg:grid-cols-[14rem_1fr]">
        <div className="lg:sticky lg:top-6 lg:self-start">
          <nav aria-label={t("contentsLabel")} className="rounded-xl border border-slate-200 bg-slate-50 p-4">
            <h2 className="text-sm font-semibold text-slate-900">{t("contentsLabel")}</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {CONTENTS.map((id) => (
                <li key={id}>
                  <a
                    href={`#${id}`}
                    className="block rounded px-1 py-1 text-slate-700 hover:text-brand-700 hover:underline"
                  >
                    {t(`contents.${id}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>

        <article className="prose-help max-w-3xl">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
          <p className="text-lg">{rich("intro")}</p>

          <h2 id="before">{t("contents.before")}</h2>
          <ul>{items("before", 4)}</ul>

          <h2 id="iphone">{t("contents.iphone")}</h2>
          <h3 id="iphone-one-tap">{t("iphone.oneTapHeading")}</h3>
          <ol>{items("iphone.oneTap", 3)}</ol>
          <h3 id="iphone-qr">{t("iphone.qrHeading")}</h3>
          <PhoneSteps platform="iphone" />
          <ol>{items("iphone.qr", 4)}</ol>

          <h2 id="android">{t("contents.android")}</h2>
          <p>{t("android.intro")}</p>
          <PhoneSteps platform="android" />
          <h3 id="android-samsung">{t("android.samsungHeading")}</h3>
          <ol>{items("android.samsung", 3)}</ol>
          <h3 id="android-pixel">{t("android.pixelHeading")}</h3>
          <ol>{items("android.pixel", 3)}</ol>
          <p>{rich("android.cantScan")}</p>

          <h2 id="manual">{t("contents.manual")}</h2>
          <p>{t("manual.intro")}</p>
          <ul>
            <li>{rich("manual.smdp")}</li>
            <li>{rich("manual.activation")}</li>
          </ul>
          <p>{rich("manual.iphone")}</p>
          <p>{rich("manual.android")}</p>

          <h2 id="roaming">{t("contents.roaming")}</h2>
          <p>{rich("roaming.intro")}</p>
          <ul>
            <li>{rich("roaming.iphone")}</li>
            <li>{rich("roaming.android")}</li>
          </ul>
          <p>{rich("roaming.home")}</p>

          <h2 id="troubleshooting">{t("contents.troubleshooting")}</h2>
          <h3>{t("trouble.noInternetHeading")}</h3>
          <ol>{items("trouble.noInternet", 5)}</ol>
          <h3>{t("trouble.invalidHeading")}</h3>
          <p>{t("trouble.invalid")}</p>
          <h3>{t("trouble.startHeading")}</h3>
          <p>{t("trouble.start")}</p>
          <h3>{t("trouble.topUpHeading")}</h3>
          <p>{rich("trouble.topUp")}</p>
        </article>
      </div>
    </div>
  );
}
