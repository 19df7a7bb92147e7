import {
  button,
  escapeHtml,
  heading,
  layout,
  link,
  paragraph,
  textBody,
  type RenderedEmail,
} from "@/lib/delivery/templates/html";
import { emailTranslator } from "@/lib/delivery/templates/i18n";
import type { Locale } from "@/lib/i18n/locales";
import type { AlertKind } from "./thresholds";

interface UsageAlertContent {
  kind: AlertKind;
  bundleTitle: string;
  iccid: string;
  topUpUrl: string;
  accountUrl: string;
  locale: Locale;
}

const COPY = { "used-80": "used80", "used-100": "used100", "ends-soon": "endsSoon" } as const satisfies Record<
  AlertKind,
  string
>;

/** A retried send must be byte-identical: no clock, no live figures. */
export function renderUsageAlertEmail(input: UsageAlertContent): RenderedEmail {
  const t = emailTranslator(input.locale);
  const copy = COPY[input.kind];
  const subject = t(`usage.${copy}.subject`);
  const title = t(`usage.${copy}.heading`);
  const body = t(`usage.${copy}.body`);
  const esim = t("usage.esimEnding", { bundle: input.bundleTitle, last4: input.iccid.slice(-4) });
  const html = layout({
    title: subject,
    lang: input.locale,
    preheader: body,
    content:
      heading(title) +
      paragraph(escapeHtml(esim), true) +
      paragraph(escapeHtml(body)) +
      button(input.topUpUrl, t("usage.button")) +
      paragraph(
        t.markup("usage.account", { account: (chunks) => link(input.accountUrl, [chunks].flat().join("")) }),
        true,
      ),
    footer: escapeHtml(t("usage.footer")),
  });
  const text = textBody([
    title,
    esim,
    body,
    t("usage.textTopUp", { url: input.topUpUrl }),
    t("usage.textAccount", { url: input.accountUrl }),
  ]);
  return { subject, html, text };
}
