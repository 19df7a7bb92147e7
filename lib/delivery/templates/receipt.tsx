// The receipt: what was bought, when, for how much, paid how, and from whom — the same facts as the printable
// receipt page, so a customer (or their accountant) can rely on either.
import { Heading, Link, Text } from "@react-email/components";
import { formatMoney } from "@/lib/format";
import { registrationLine, type ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { brand, EmailLayout, renderEmail, styles } from "./layout";

export interface ReceiptContent {
  orderId: string;
  paidAt: Date;
  bundleTitle: string;
  /** One line under the title: data, validity, where. */
  description: string;
  amountMinor: number;
  currency: string;
  /** The card that paid, when Stripe told us. */
  card: { brand: string | null; last4: string } | null;
  /** Refunded so far, when anything was. */
  refundedMinor: number | null;
  customerEmail: string;
  /** The printable receipt page (behind the same access as the order page). */
  receiptUrl: string;
  shop: ShopIdentity;
}

/** "7 December 2026, 09:12 UTC": one fixed zone, so a retried send renders the same body. */
export function formatReceiptDate(at: Date): string {
  const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  return `${date.format(at)}, ${time.format(at)} UTC`;
}

export function cardLabel(card: ReceiptContent["card"]): string {
  if (!card) return "Card";
  const name = card.brand ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : "Card";
  return `${name} ending ${card.last4}`;
}

export function renderReceiptEmail(c: ReceiptContent): Promise<RenderedEmail> {
  return renderEmail(`Your receipt from ${c.shop.name} — order ${c.orderId}`, <Receipt {...c} />);
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

function Receipt(c: ReceiptContent) {
  const total = formatMoney(c.amountMinor, c.currency);
  const registration = registrationLine(c.shop);
  return (
    <EmailLayout shop={c.shop} preview={`${total} paid on ${formatReceiptDate(c.paidAt)}.`}>
      <Heading as="h1" style={styles.h1}>
        Receipt
      </Heading>
      <Text style={styles.p}>Thanks for your order. This is your receipt; keep it for your records.</Text>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ margin: "0 0 16px" }}>
        <tbody>
          <Row label="Order" value={c.orderId} />
          <Row label="Date paid" value={formatReceiptDate(c.paidAt)} />
          <Row label="Item" value={`${c.bundleTitle} — ${c.description}`} />
          <Row label="Paid with" value={cardLabel(c.card)} />
          <Row label={`Total (${c.currency.toUpperCase()})`} value={total} strong />
          {c.refundedMinor ? <Row label="Refunded" value={formatMoney(c.refundedMinor, c.currency)} /> : null}
        </tbody>
      </table>
      {c.shop.taxLine ? <Text style={styles.muted}>{c.shop.taxLine}</Text> : null}
      <Text style={styles.muted}>
        {`Sold by ${c.shop.legalName}, ${c.shop.address}${registration ? ` · ${registration}` : ""}. Billed to ${c.customerEmail}.`}
      </Text>
      <Text style={styles.p}>
        <Link href={c.receiptUrl} style={styles.link}>
          View and print this receipt
        </Link>
      </Text>
    </EmailLayout>
  );
}
