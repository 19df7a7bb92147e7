// "We couldn't get your eSIM — you've been refunded", with up to three other bundles for the same trip.
import {
  escapeHtml,
  heading,
  layout,
  link,
  paragraph,
  subheading,
  textBody,
  type RenderedEmail,
  colours,
} from "./html";
import { formatMoney } from "@/lib/format";

export interface RefundContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  amountMinor: number;
  currency: string;
  /** Customer-facing, one sentence: what went wrong, in plain words. */
  reason: string;
  alternatives: { title: string; url: string; priceMinor: number; currency: string }[];
}

export const MAX_ALTERNATIVES = 3;

export function renderRefundEmail(c: RefundContent): RenderedEmail {
  const amount = formatMoney(c.amountMinor, c.currency);
  const subject = `Refund for your ${c.bundleTitle} order`;
  const alternatives = c.alternatives.slice(0, MAX_ALTERNATIVES);
  const reason = c.reason.trim();

  const altHtml = alternatives.length
    ? subheading("Other eSIMs for your trip") +
      `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;">` +
      alternatives
        .map(
          (a) =>
            `<tr><td style="padding:10px 0;border-bottom:1px solid ${colours.border};font-size:16px;line-height:24px;">${link(a.url, a.title)}</td>` +
            `<td align="right" style="padding:10px 0;border-bottom:1px solid ${colours.border};font-size:16px;line-height:24px;font-weight:600;color:${colours.text};white-space:nowrap;">${escapeHtml(formatMoney(a.priceMinor, a.currency))}</td></tr>`,
        )
        .join("") +
      `</table>`
    : "";

  const content =
    heading("We couldn't deliver your eSIM") +
    paragraph(
      `We're sorry — we weren't able to get your eSIM for <strong>${escapeHtml(c.bundleTitle)}</strong>.${reason ? ` ${escapeHtml(reason)}` : ""}`,
    ) +
    paragraph(
      `We've refunded the full <strong>${escapeHtml(amount)}</strong> to your original payment method. Refunds usually appear within 5–10 business days, depending on your bank.`,
    ) +
    altHtml +
    paragraph(
      `You can see the order and the refund on ${link(c.orderUrl, "your order page")}. If you have questions, just reply to this email.`,
    );

  const text = textBody([
    "We couldn't deliver your eSIM",
    `We're sorry — we weren't able to get your eSIM for ${c.bundleTitle}.${reason ? ` ${reason}` : ""}`,
    `We've refunded the full ${amount} to your original payment method. Refunds usually appear within 5–10 business days, depending on your bank.`,
    alternatives.length > 0 &&
      `OTHER ESIMS FOR YOUR TRIP\n${alternatives.map((a) => `- ${a.title} — ${formatMoney(a.priceMinor, a.currency)}: ${a.url}`).join("\n")}`,
    `Your order page: ${c.orderUrl}`,
    `Order ${c.orderId}`,
  ]);

  return {
    subject,
    html: layout({
      title: subject,
      preheader: `Your ${amount} refund is on its way.`,
      content,
      footer: `Order ${escapeHtml(c.orderId)}`,
    }),
    text,
  };
}
