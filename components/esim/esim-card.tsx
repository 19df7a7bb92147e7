// Everything needed to install a delivered eSIM: one-tap buttons, the QR code, the manual codes and steps.
// A server component: the QR is rendered here from the activation code (never by a web service) and sent as
// inline SVG, so it shows instantly and without JavaScript.
import { getTranslations } from "next-intl/server";
import { renderQrPng, renderQrSvg } from "@/lib/delivery/qr";
import { InstallButtons, type InstallDevice } from "./install-buttons";
import { InstallSteps } from "./install-steps";
import { ManualCodes } from "./manual-codes";

export interface EsimInstallDetails {
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  appleInstallUrl: string;
  androidInstallUrl: string;
}

export async function EsimCard({ esim, device }: { esim: EsimInstallDetails; device: InstallDevice }) {
  const [svg, png] = await Promise.all([renderQrSvg(esim.lpa), renderQrPng(esim.lpa)]);
  const onPhone = device.iosOneTap || device.android;
  const t = await getTranslations("account.install");
  return (
    <section aria-labelledby="install-heading" className="card p-5 sm:p-6" data-testid="esim-card">
      <h2 id="install-heading" className="text-xl font-bold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        ICCID <span className="font-mono">{esim.iccid}</span>
      </p>

      <div className="mt-5 grid gap-6 md:grid-cols-[auto_1fr] md:items-start">
        <figure className={onPhone ? "order-2 md:order-1" : undefined}>
          <div
            role="img"
            aria-label={t("qrLabel")}
            data-testid="esim-qr"
            className="w-60 rounded-lg border border-slate-200 bg-white p-2 [&>svg]:block [&>svg]:h-auto [&>svg]:w-full"
            // The SVG comes from the qrcode library: paths and numbers only, no text from the order.
            dangerouslySetInnerHTML={{ __html: svg }}
          />
          <figcaption className="mt-2 max-w-60 text-sm text-slate-600">
            {onPhone ? t("scanOther") : t("scanCamera")}{" "}
            <a
              href={`data:image/png;base64,${png.toString("base64")}`}
              download="esim-qr.png"
              className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
            >
              {t("downloadQr")}
            </a>
          </figcaption>
        </figure>
        <div className={onPhone ? "order-1 min-w-0 md:order-2" : "min-w-0"}>
          {!onPhone && (
            <>
              <p className="font-semibold text-slate-900" data-testid="scan-lead">
                {t("scanLead")}
              </p>
              <ol className="mt-2 mb-4 list-decimal space-y-1 pl-5 text-sm text-slate-700">
                <li>{t("scanStep1")}</li>
                <li>{t("scanStep2")}</li>
                <li>{t("scanStep3")}</li>
              </ol>
            </>
          )}
          <InstallButtons appleUrl={esim.appleInstallUrl} androidUrl={esim.androidInstallUrl} device={device} />
        </div>
      </div>

      <h3 className="mt-8 text-base font-semibold text-slate-900">{t("manualHeading")}</h3>
      <p className="mt-1 mb-3 text-sm text-slate-600">{t("manualIntro")}</p>
      <ManualCodes smdpAddress={esim.smdpAddress} matchingId={esim.matchingId} lpa={esim.lpa} />

      <h3 className="mt-8 mb-3 text-base font-semibold text-slate-900">{t("howHeading")}</h3>
      <InstallSteps />
    </section>
  );
}
