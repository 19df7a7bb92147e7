// One-tap install links. Which to offer is decided on the server from the User-Agent, so the HTML is final
// when it arrives (no client-side detection, no hydration mismatch, works without JavaScript).
//
// The links carry the activation code, and the page's own URL carries the private token: rel="noreferrer"
// keeps that URL out of Apple's and Google's logs.
import { useTranslations } from "next-intl";

export interface InstallDevice {
  /** iOS/iPadOS 17.4 or later: Apple's universal link opens the Add eSIM sheet. */
  iosOneTap: boolean;
  android: boolean;
}

export function InstallButtons({
  appleUrl,
  androidUrl,
  device,
}: {
  appleUrl: string;
  androidUrl: string;
  device: InstallDevice;
}) {
  const t = useTranslations("account.install");
  // On a computer the QR code leads (scan it with the phone); the one-tap links only work on the phone itself,
  // so they stay small text for someone whose phone we did not recognise.
  if (!device.iosOneTap && !device.android)
    return (
      <p className="text-sm text-slate-600" data-testid="install-on-phone-hint">
        {t.rich("phoneHint", {
          link: (chunks) => (
            <a
              href={androidUrl}
              rel="noreferrer"
              className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
              data-testid="install-android"
            >
              {chunks}
            </a>
          ),
        })}
      </p>
    );
  return (
    <div className="flex flex-col gap-3">
      {device.iosOneTap && (
        <a href={appleUrl} rel="noreferrer" className="btn-primary w-full sm:w-auto" data-testid="install-iphone">
          {t("iphone")}
        </a>
      )}
      <a
        href={androidUrl}
        rel="noreferrer"
        className={device.android ? "btn-primary w-full sm:w-auto" : "btn-secondary w-full sm:w-auto"}
        data-testid="install-android"
      >
        {device.android ? t("thisAndroid") : t("android")}
      </a>
    </div>
  );
}
