// Usage alert emails: 80 % used, used up, ends tomorrow — each with a top-up link.
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
import type { AlertKind } from "./thresholds";

interface UsageAlertContent {
  kind: AlertKind;
  bundleTitle: string;
  iccid: string;
  topUpUrl: string;
  accountUrl: string;
}

const COPY: Record<AlertKind, { subject: string; heading: string; body: string }> = {
  "used-80": {
    subject: "You have used 80 % of your eSIM data",
    heading: "80 % of your data is used",
    body: "Your eSIM has about a fifth of its data left. Top up now so you are not cut off when you need it.",
  },
  "used-100": {
    subject: "Your eSIM data is used up",
    heading: "Your data is used up",
    body: "Your eSIM has no data left on this plan. Add more in a minute — no new QR code needed, the data goes onto the same eSIM.",
  },
  "ends-soon": {
    subject: "Your eSIM plan ends tomorrow",
    heading: "Your plan ends within a day",
    body: "Your eSIM's current plan ends in less than 24 hours. Top up to keep your data going on the same eSIM.",
  },
};

/** Deterministic for a given alert (no clock, no live figures): a retried send must be byte-identical. */
export function renderUsageAlertEmail(input: UsageAlertContent): RenderedEmail {
  const copy = COPY[input.kind];
  const last4 = input.iccid.slice(-4);
  const html = layout({
    title: copy.subject,
    preheader: copy.body,
    content:
      heading(copy.heading) +
      paragraph(`${escapeHtml(input.bundleTitle)} · eSIM ending ${escapeHtml(last4)}`, true) +
      paragraph(escapeHtml(copy.body)) +
      button(input.topUpUrl, "Top up this eSIM") +
      paragraph(`See your data and plans any time in ${link(input.accountUrl, "your account")}.`, true),
    footer: escapeHtml(
      "You get this email once per plan for each alert. Usage figures come from our network partner and can lag by a few minutes.",
    ),
  });
  const text = textBody([
    copy.heading,
    `${input.bundleTitle} · eSIM ending ${last4}`,
    copy.body,
    `Top up this eSIM: ${input.topUpUrl}`,
    `Your account: ${input.accountUrl}`,
  ]);
  return { subject: copy.subject, html, text };
}
