// The answer to "will it work on my phone?" for one search: shared by the /devices page (server-rendered for
// a plain form) and the live check (re-rendered as the buyer types).
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { DeviceCheck } from "@/lib/devices/match";

export function DeviceVerdict({ result, query }: { result: DeviceCheck; query: string }) {
  const t = useTranslations("store.devices.verdict");
  const say = useTranslations("store.devices.text");
  if (result.kind === "empty") return null;
  if (result.kind === "unknown") {
    return (
      <div
        className="rounded-xl border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800"
        data-testid="device-verdict"
        data-verdict="unknown"
      >
        <p className="font-semibold text-slate-900">{t("unknown", { query: query.slice(0, 60) })}</p>
        <p className="mt-1">{result.candidates.length > 0 ? t("didYouMean") : t("checkOnPhone")}</p>
      </div>
    );
  }
  const { device, verdict, variant } = result;
  const name = `${device.brand} ${device.model}`;
  if (verdict === "works") {
    return (
      <div
        className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950"
        data-testid="device-verdict"
        data-verdict="works"
      >
        <p className="font-semibold">{t("works", { name })}</p>
        {device.withoutEsim && device.withoutEsim.length > 0 && (
          <>
            <p className="mt-2">{t("except")}</p>
            <ul className="mt-1 list-disc pl-5">
              {device.withoutEsim.map((v) => (
                <li key={v.label}>{say(v.label)}</li>
              ))}
            </ul>
          </>
        )}
        {device.notes?.map((n) => (
          <p key={n} className="mt-2">
            {say(n)}
          </p>
        ))}
        <p className="mt-2">{t("locked")}</p>
      </div>
    );
  }
  return (
    <div
      className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="device-verdict"
      data-verdict={verdict}
    >
      {verdict === "variant_without_esim" ? (
        <>
          <p className="font-semibold">{t("variant", { name })}</p>
          <p className="mt-1">{variant ? `${say(variant.label)}.` : null}</p>
          <p className="mt-2">
            {t("notSure")}{" "}
            <Link href="/devices#check-on-phone" className="underline underline-offset-2">
              {t("howToCheck")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="font-semibold">{t("notOnDevice", { name })}</p>
          {device.notes?.map((n) => (
            <p key={n} className="mt-1">
              {say(n)}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
