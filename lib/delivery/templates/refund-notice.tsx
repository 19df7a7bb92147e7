import { Heading, Link, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { emailTranslator, formatMoneyIn, shopLink, type EmailTranslator } from "./i18n";
import { EmailLayout, renderEmail, styles } from "./layout";

export interface RefundNoticeContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  refundMinor: number;
  totalRefundedMinor: number;
  amountMinor: number;
  currency: string;
  delivered: boolean;
  locale: Locale;
  shop: ShopIdentity;
}

export function renderRefundNoticeEmail(c: RefundNoticeContent): Promise<RenderedEmail> {
  const t = emailTranslator(c.locale);
  const amount = formatMoneyIn(c.locale, c.refundMinor, c.currency);
  return renderEmail(t("refundNotice.subject", { amount, bundle: c.bundleTitle }), <RefundNotice c={c} t={t} />);
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

function link(href: string) {
  return function linked(chunks: ReactNode) {
    return (
      <Link href={href} style={styles.link}>
        {chunks}
      </Link>
    );
  };
}

function RefundNotice({ c, t }: { c: RefundNoticeContent; t: EmailTranslator }) {
  const money = (minor: number) => formatMoneyIn(c.locale, minor, c.currency);
  const amount = money(c.refundMinor);
  const full = c.totalRefundedMinor >= c.amountMinor;
  return (
    <EmailLayout
      shop={c.shop}
      locale={c.locale}
      preview={t("refundNotice.preview", { amount })}
      reference={t("layout.order", { orderId: c.orderId })}
    >
      <Heading as="h1" style={styles.h1}>
        {t("refundNotice.heading", { amount })}
      </Heading>
      <Text style={styles.p}>
        {t.rich("refundNotice.body", { amount, bundle: c.bundleTitle, strong })}{" "}
        {full
          ? t("refundNotice.full")
          : t("refundNotice.partial", { total: money(c.totalRefundedMinor), paid: money(c.amountMinor) })}
      </Text>
      <Text style={styles.p}>{t("refundNotice.timing")}</Text>
      {c.delivered && full ? <Text style={styles.p}>{t("refundNotice.deleteEsim")}</Text> : null}
      <Text style={styles.p}>
        {t.rich("refundNotice.orderPage", {
          order: link(c.orderUrl),
          contact: link(shopLink(c.shop.appUrl, c.locale, "/contact")),
        })}
      </Text>
    </EmailLayout>
  );
}
