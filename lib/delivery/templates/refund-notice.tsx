// "We've refunded you" for any refund of a paid order that is not the failed-delivery refund (which has its own
// email): an admin's goodwill refund, a partial refund, one made in Stripe's dashboard — after delivery too.
import { Heading, Link, Text } from "@react-email/components";
import { formatMoney } from "@/lib/format";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { EmailLayout, renderEmail, styles } from "./layout";

export interface RefundNoticeContent {
  orderId: string;
  /** The order page: the private link when we still hold one, else the account. */
  orderUrl: string;
  bundleTitle: string;
  /** This refund. */
  refundMinor: number;
  /** Refunded so far, this one included. */
  totalRefundedMinor: number;
  /** What the customer paid. */
  amountMinor: number;
  currency: string;
  /** Was the eSIM delivered (then it stays on the phone, as far as we are concerned)? */
  delivered: boolean;
  shop: ShopIdentity;
}

export function renderRefundNoticeEmail(c: RefundNoticeContent): Promise<RenderedEmail> {
  const amount = formatMoney(c.refundMinor, c.currency);
  return renderEmail(`Refund of ${amount} for your ${c.bundleTitle} order`, <RefundNotice {...c} />);
}

function RefundNotice(c: RefundNoticeContent) {
  const amount = formatMoney(c.refundMinor, c.currency);
  const full = c.totalRefundedMinor >= c.amountMinor;
  return (
    <EmailLayout
      shop={c.shop}
      preview={`We've refunded ${amount} to your payment method.`}
      reference={`Order ${c.orderId}`}
    >
      <Heading as="h1" style={styles.h1}>
        We&apos;ve refunded {amount}
      </Heading>
      <Text style={styles.p}>
        We&apos;ve refunded <strong>{amount}</strong> for your order of <strong>{c.bundleTitle}</strong> to the payment
        method you used.{" "}
        {full
          ? "Your order is now refunded in full."
          : `That is ${formatMoney(c.totalRefundedMinor, c.currency)} refunded so far of the ${formatMoney(c.amountMinor, c.currency)} you paid.`}
      </Text>
      <Text style={styles.p}>Refunds usually appear within 5–10 business days, depending on your bank.</Text>
      {c.delivered && full ? (
        <Text style={styles.p}>
          As the order is refunded in full, the eSIM&apos;s plan may stop working; you can delete it from your phone.
        </Text>
      ) : null}
      <Text style={styles.p}>
        The refund is shown on{" "}
        <Link href={c.orderUrl} style={styles.link}>
          your order page
        </Link>
        . If you didn&apos;t expect it, please{" "}
        <Link href={`${c.shop.appUrl}/contact`} style={styles.link}>
          contact us
        </Link>
        .
      </Text>
    </EmailLayout>
  );
}
