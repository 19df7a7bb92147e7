import { Heading, Link, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { emailTranslator, formatMoneyIn, type EmailTranslator } from "./i18n";
import { brand, EmailLayout, renderEmail, styles } from "./layout";

export interface RefundContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  amountMinor: number;
  currency: string;
  reason: string;
  alternatives: { title: string; url: string; priceMinor: number; currency: string }[];
  locale: Locale;
  shop: ShopIdentity;
}

export const MAX_ALTERNATIVES = 3;

const REASONS = {
  "Our network partner could not issue this eSIM.": "notIssued",
  "Our network partner did not respond in time, so we stopped trying.": "noResponse",
  "We could not complete this order in time, so we refunded it.": "notInTime",
  "The payment was refunded before the eSIM was delivered.": "refundedEarly",
  "Our support team refunded this order.": "support",
  "Your payment did not go through.": "paymentFailed",
} as const;

/** One without a translation is left out rather than shown in English. */
function reasonIn(t: EmailTranslator, locale: Locale, reason: string): string {
  const text = reason.trim();
  const key = REASONS[text as keyof typeof REASONS];
  if (key) return t(`refund.reasons.${key}`);
  return locale === "en" ? text : "";
}

export function renderRefundEmail(c: RefundContent): Promise<RenderedEmail> {
  const t = emailTranslator(c.locale);
  return renderEmail(t("refund.subject", { bundle: c.bundleTitle }), <RefundEmail c={c} t={t} />);
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

function RefundEmail({ c, t }: { c: RefundContent; t: EmailTranslator }) {
  const amount = formatMoneyIn(c.locale, c.amountMinor, c.currency);
  const alternatives = c.alternatives.slice(0, MAX_ALTERNATIVES);
  const reason = reasonIn(t, c.locale, c.reason);
  return (
    <EmailLayout
      shop={c.shop}
      locale={c.locale}
      preview={t("refund.preview", { amount })}
      reference={t("layout.order", { orderId: c.orderId })}
    >
      <Heading as="h1" style={styles.h1}>
        {t("refund.heading")}
      </Heading>
      <Text style={styles.p}>
        {t.rich("refund.sorry", { bundle: c.bundleTitle, strong })}
        {reason ? ` ${reason}` : ""}
      </Text>
      <Text style={styles.p}>{t.rich("refund.refunded", { amount, strong })}</Text>
      {alternatives.length > 0 ? (
        <>
          <Heading as="h2" style={styles.h2}>
            {t("refund.alternatives")}
          </Heading>
          <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px" }}>
            <tbody>
              {alternatives.map((a) => (
                <tr key={a.url}>
                  <td style={{ padding: "10px 0", borderBottom: `1px solid ${brand.border}`, fontSize: "16px" }}>
                    <Link href={a.url} style={styles.link}>
                      {a.title}
                    </Link>
                  </td>
                  <td
                    align="right"
                    style={{
                      padding: "10px 0",
                      borderBottom: `1px solid ${brand.border}`,
                      fontSize: "16px",
                      fontWeight: 600,
                      whiteSpace: "nowrap",
                    }}
                  >
                    {" — "}
                    {formatMoneyIn(c.locale, a.priceMinor, a.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <Text style={styles.p}>
        {t.rich("refund.orderPage", {
          order: (chunks) => (
            <Link href={c.orderUrl} style={styles.link}>
              {chunks}
            </Link>
          ),
        })}
      </Text>
    </EmailLayout>
  );
}
