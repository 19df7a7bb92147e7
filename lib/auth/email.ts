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
import { sendAccountEmail } from "@/lib/accounts/mailer";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";

export type SignInPurpose = "sign-in" | "lost-links";

export function renderSignInEmail(input: {
  url: string;
  minutes: number;
  purpose?: SignInPurpose;
  locale?: Locale;
}): RenderedEmail {
  const locale = input.locale ?? defaultLocale;
  if (input.purpose === "lost-links") return renderLostLinksEmail({ ...input, locale });
  const t = emailTranslator(locale);
  const { url, minutes } = input;
  const subject = t("signIn.subject");
  const html = layout({
    title: subject,
    lang: locale,
    preheader: t("signIn.preview", { minutes }),
    content:
      heading(t("signIn.heading")) +
      paragraph(escapeHtml(t("signIn.body"))) +
      button(url, t("signIn.button")) +
      paragraph(`${escapeHtml(t("signIn.paste"))} ${link(url, url)}`, true) +
      paragraph(escapeHtml(t("signIn.expires", { minutes })), true),
    footer: escapeHtml(t("signIn.footer")),
  });
  const text = textBody([
    t("signIn.heading"),
    `${t("signIn.textOpen")}\n${url}`,
    t("signIn.expires", { minutes }),
    t("signIn.textIgnore"),
  ]);
  return { subject, html, text };
}

function renderLostLinksEmail(input: { url: string; minutes: number; locale: Locale }): RenderedEmail {
  const t = emailTranslator(input.locale);
  const { url, minutes } = input;
  const subject = t("lostLinks.subject");
  const html = layout({
    title: subject,
    lang: input.locale,
    preheader: t("lostLinks.preview"),
    content:
      heading(t("lostLinks.heading")) +
      paragraph(escapeHtml(t("lostLinks.body"))) +
      button(url, t("lostLinks.button")) +
      paragraph(`${escapeHtml(t("signIn.paste"))} ${link(url, url)}`, true) +
      paragraph(escapeHtml(t("lostLinks.expires", { minutes })), true),
    footer: escapeHtml(t("lostLinks.footer")),
  });
  const text = textBody([
    t("lostLinks.heading"),
    `${t("lostLinks.textOpen")}\n${url}`,
    t("lostLinks.textExpires", { minutes }),
    t("lostLinks.textIgnore"),
  ]);
  return { subject, html, text };
}

/** No idempotency key: every request is a new link, and the rate limit stops floods. */
export function sendSignInEmail(
  to: string,
  url: string,
  minutes: number,
  purpose: SignInPurpose = "sign-in",
  locale: Locale = defaultLocale,
): Promise<{ id: string }> {
  return sendAccountEmail({
    ...renderSignInEmail({ url, minutes, purpose, locale }),
    to,
    tags: { category: purpose === "sign-in" ? "sign_in" : "lost_links" },
  });
}
