// "We couldn't get your eSIM — you've been refunded", with up to three other bundles for the same trip.
import { Heading, Link, Text } from "@react-email/components";
import { formatMoney } from "@/lib/format";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { brand, EmailLayout, renderEmail, styles } from "./layout";

export interface RefundContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  amountMinor: number;
  currency: string;
  /** Customer-facing, one sentence: what went wrong, in plain words. */
  reason: string;
  alternatives: { title: string; url: string; priceMinor: number; currency: string }[];
  shop: ShopIdentity;
}

export const MAX_ALTERNATIVES = 3;

export function renderRefundEmail(c: RefundContent): Promise<RenderedEmail> {
  return renderEmail(`Refund for your ${c.bundleTitle} order`, <RefundEmail {...c} />);
}

function RefundEmail(c: RefundContent) {
  const amount = formatMoney(c.amountMinor, c.currency);
  const alternatives = c.alternatives.slice(0, MAX_ALTERNATIVES);
  const reason = c.reason.trim();
  return (
    <EmailLayout shop={c.shop} preview={`Your ${amount} refund is on its way.`} reference={`Order ${c.orderId}`}>
      <Heading as="h1" style={styles.h1}>
        We couldn&apos;t deliver your eSIM
      </Heading>
      <Text style={styles.p}>
        We&apos;re sorry — we weren&apos;t able to get your eSIM for <strong>{c.bundleTitle}</strong>.
        {reason ? ` ${reason}` : ""}
      </Text>
      <Text style={styles.p}>
        We&apos;ve refunded the full <strong>{amount}</strong> to your original payment method. Refunds usually appear
        within 5–10 business days, depending on your bank.
      </Text>
      {alternatives.length > 0 ? (
        <>
          <Heading as="h2" style={styles.h2}>
            Other eSIMs for your trip
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
                    {formatMoney(a.priceMinor, a.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <Text style={styles.p}>
        You can see the order and the refund on{" "}
        <Link href={c.orderUrl} style={styles.link}>
          your order page
        </Link>
        .
      </Text>
    </EmailLayout>
  );
}
