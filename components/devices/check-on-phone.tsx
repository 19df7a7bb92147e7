import { useTranslations } from "next-intl";

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

// How to see on the phone itself whether it has an eSIM: the one test that beats any list.
export function CheckOnPhone() {
  const t = useTranslations("store.devicesPage.onPhone");
  return (
    <aside
      id="check-on-phone"
      aria-labelledby="check-on-phone-heading"
      className="self-start rounded-xl border border-slate-200 bg-slate-50 p-5 text-sm leading-relaxed text-slate-800"
    >
      <h2 id="check-on-phone-heading" className="text-lg font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <h3 className="mt-4 font-semibold text-slate-900">{t("anyHeading")}</h3>
      <p className="mt-1">{t.rich("any", { strong })}</p>
      <h3 className="mt-4 font-semibold text-slate-900">{t("iphoneHeading")}</h3>
      <p className="mt-1">{t.rich("iphone", { strong })}</p>
      <h3 className="mt-4 font-semibold text-slate-900">{t("androidHeading")}</h3>
      <p className="mt-1">{t.rich("android", { strong })}</p>
      <h3 className="mt-4 font-semibold text-slate-900">{t("unlockedHeading")}</h3>
      <p className="mt-1">{t.rich("unlocked", { strong })}</p>
    </aside>
  );
}
