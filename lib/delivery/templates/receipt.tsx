import { Heading, Link, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import {
  cardLabel,
  emailTranslator,
  formatDateTimeIn,
  formatMoneyIn,
  registrationIn,
  type EmailTranslator,
} from "./i18n";
import { brand, EmailLayout, renderEmail, styles } from "./layout";

export interface ReceiptContent {
  orderId: string;
  paidAt: Date;
  bundleTitle: string;
  description: string;
  amountMinor: number;
  currency: string;
  card: { brand: string | null; last4: string } | null;
  refundedMinor: number | null;
  customerEmail: string;
  receiptUrl: string;
  locale: Locale;
  shop: ShopIdentity;
}

export function renderReceiptEmail(c: ReceiptContent): Promise<RenderedEmail> {
  const t = emailTranslator(c.locale);
  return renderEmail(t("receipt.subject", { shop: c.shop.name, orderId: c.orderId }), <Receipt c={c} t={t} />);
}

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  const cell = { padding: "8px 0", borderBottom: `1px solid ${brand.border}`, fontSize: "15px", lineHeight: "22px" };
  return (
    <tr>
      <th scope="row" align="left" style={{ ...cell, fontWeight: 600, color: brand.muted, paddingRight: "12px" }}>
        {label}:
      </th>
      <td align="right" style={{ ...cell, color: brand.text, fontWeight: strong ? 700 : 400 }}>
        {value}
      </td>
    </tr>
  );
}

function Receipt({ c, t }: { c: ReceiptContent; t: EmailTranslator }) {
  const money = (minor: number) => formatMoneyIn(c.locale, minor, c.currency);
  const total = money(c.amountMinor);
  const paidAt = formatDateTimeIn(c.locale, c.paidAt);
  const registration = registrationIn(t, c.shop);
  const seller = { legalName: c.shop.legalName, address: c.shop.address, email: c.customerEmail };
  return (
    <EmailLayout shop={c.shop} locale={c.locale} preview={t("receipt.preview", { total, date: paidAt })}>
      <Heading as="h1" style={styles.h1}>
        {t("receipt.heading")}
      </Heading>
      <Text style={styles.p}>{t("receipt.intro")}</Text>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px" }}>
        <tbody>
          <Row label={t("receipt.order")} value={c.orderId} />
          <Row label={t("receipt.datePaid")} value={paidAt} />
          <Row label={t("receipt.item")} value={`${c.bundleTitle} — ${c.description}`} />
          <Row label={t("receipt.paidWith")} value={cardLabel(t, c.card)} />
          <Row label={t("receipt.total", { currency: c.currency.toUpperCase() })} value={total} strong />
          {c.refundedMinor ? <Row label={t("receipt.refunded")} value={money(c.refundedMinor)} /> : null}
        </tbody>
      </table>
      {c.shop.taxLine ? <Text style={styles.muted}>{c.shop.taxLine}</Text> : null}
      <Text style={styles.muted}>
        {registration ? t("receipt.soldByRegistered", { ...seller, registration }) : t("receipt.soldBy", seller)}
      </Text>
      <Text style={styles.p}>
        <Link href={c.receiptUrl} style={styles.link}>
          {t("receipt.view")}
        </Link>
      </Text>
    </EmailLayout>
  );
}
