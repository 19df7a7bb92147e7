// "Your eSIM is ready" (a new eSIM) and "Data added" (a top-up of an eSIM the customer already has).
//
// A new eSIM gets every way to install it, most direct first: the iPhone one-tap link, the Android link,
// the QR code (inline, to scan from another screen) and the codes for manual entry. A top-up gets none of
// them: the data lands on the eSIM already on the phone, and a QR in that email invites a second install
// attempt, which fails (an activation code installs once) and sends the customer to support.
import { Button, Heading, Img, Link, Section, Text } from "@react-email/components";
import { INSTALL_STEPS, type InstallStep } from "@/lib/delivery/install-steps";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { brand, EmailLayout, mono, renderEmail, styles } from "./layout";

/** The `content_id` of the inline QR image; the HTML refers to it as `cid:esim-qr`. */
export const QR_CONTENT_ID = "esim-qr";

export interface EsimDeliveredContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  appleInstallUrl: string;
  androidInstallUrl: string;
  kind: "new" | "topup";
  /** Where the install guide lives (absolute). */
  helpUrl: string;
  shop: ShopIdentity;
}

export function renderEsimDeliveredEmail(c: EsimDeliveredContent): Promise<RenderedEmail> {
  return c.kind === "topup"
    ? renderEmail(`Data added to your eSIM: ${c.bundleTitle}`, <TopupEmail {...c} />)
    : renderEmail(`Your eSIM is ready: ${c.bundleTitle}`, <NewEsimEmail {...c} />);
}

function Reference({ c }: { c: EsimDeliveredContent }) {
  return (
    <Text style={styles.muted}>
      Order {c.orderId} · ICCID {c.iccid}. This is your{" "}
      <Link href={c.orderUrl} style={styles.link}>
        private order page
      </Link>{" "}
      — anyone who has the link can see your eSIM, so please don&apos;t share it.
    </Text>
  );
}

function Steps({ steps }: { steps: InstallStep[] }) {
  return (
    <ol style={{ margin: "0 0 16px", paddingLeft: "24px" }}>
      {steps.map((step, i) => (
        <li key={i} style={{ margin: "0 0 8px", fontSize: "16px", lineHeight: "24px", color: brand.text }}>
          {step.map((part, j) => (typeof part === "string" ? part : <strong key={j}>{part.strong}</strong>))}
        </li>
      ))}
    </ol>
  );
}

function CodeRow({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th
        scope="row"
        align="left"
        style={{
          padding: "8px 12px 8px 0",
          fontSize: "14px",
          fontWeight: 600,
          color: brand.muted,
          verticalAlign: "top",
        }}
      >
        {label}:
      </th>
      <td style={{ padding: "8px 0", fontFamily: mono, fontSize: "15px", color: brand.text, wordBreak: "break-all" }}>
        {value}
      </td>
    </tr>
  );
}

function NewEsimEmail(c: EsimDeliveredContent) {
  return (
    <EmailLayout shop={c.shop} preview="Tap to install on your phone, or scan the QR code.">
      <Heading as="h1" style={styles.h1}>
        Your eSIM is ready
      </Heading>
      <Text style={styles.p}>
        Thanks for your order. Here is your eSIM for <strong>{c.bundleTitle}</strong>.
      </Text>
      <Text style={styles.p}>
        Install it while you&apos;re on Wi-Fi — ideally before you travel. Each eSIM installs once, so keep it on your
        phone after installing.
      </Text>
      <Heading as="h2" style={styles.h2}>
        Install on this phone
      </Heading>
      <Section style={{ margin: "0 0 12px" }}>
        <Button href={c.appleInstallUrl} style={styles.button}>
          Install on iPhone
        </Button>
      </Section>
      <Text style={styles.muted}>One tap on iPhones with iOS 17.4 or later.</Text>
      <Section style={{ margin: "0 0 12px" }}>
        <Button href={c.androidInstallUrl} style={styles.button}>
          Install on Android
        </Button>
      </Section>
      <Heading as="h2" style={styles.h2}>
        Or scan the QR code
      </Heading>
      <Text style={styles.p}>
        Open this email on another screen (a laptop, a printout) and scan the code with the phone that will use the
        eSIM. It is also attached as esim-qr.png.
      </Text>
      <Img
        src={`cid:${QR_CONTENT_ID}`}
        width="240"
        height="240"
        alt="QR code for your eSIM. If it does not show, use the codes under “Enter the details manually”."
        style={{ display: "block", margin: "0 0 16px", border: 0 }}
      />
      <Heading as="h2" style={styles.h2}>
        Enter the details manually
      </Heading>
      <table
        role="presentation"
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        style={{ margin: "0 0 16px", background: brand.panel, borderRadius: "8px", padding: "8px 16px" }}
      >
        <tbody>
          <CodeRow label="SM-DP+ address" value={c.smdpAddress} />
          <CodeRow label="Activation code" value={c.matchingId} />
        </tbody>
      </table>
      <Text style={styles.muted}>
        Some phones ask for one code instead; use the full activation code:{" "}
        <span style={{ fontFamily: mono, wordBreak: "break-all" }}>{c.lpa}</span>
      </Text>
      <Heading as="h2" style={styles.h2}>
        iPhone steps
      </Heading>
      <Steps steps={INSTALL_STEPS.iphone} />
      <Heading as="h2" style={styles.h2}>
        Android steps
      </Heading>
      <Steps steps={INSTALL_STEPS.android} />
      <Text style={styles.p}>
        Step-by-step pictures are in our{" "}
        <Link href={c.helpUrl} style={styles.link}>
          installation guide
        </Link>
        . You can always find this eSIM again on{" "}
        <Link href={c.orderUrl} style={styles.link}>
          your order page
        </Link>
        .
      </Text>
      <Reference c={c} />
    </EmailLayout>
  );
}

function TopupEmail(c: EsimDeliveredContent) {
  return (
    <EmailLayout shop={c.shop} preview="No new QR code needed — the data is on your existing eSIM.">
      <Heading as="h1" style={styles.h1}>
        Your data has been added
      </Heading>
      <Text style={styles.p}>
        We&apos;ve added <strong>{c.bundleTitle}</strong> to the eSIM you already have (ICCID {c.iccid}).
      </Text>
      <Text style={styles.p}>
        There&apos;s nothing to install and no new QR code: keep using the eSIM that&apos;s already on your phone. Make
        sure it is selected for mobile data and that data roaming is on for it.
      </Text>
      <Text style={styles.p}>
        Your order and the eSIM&apos;s details are on{" "}
        <Link href={c.orderUrl} style={styles.link}>
          your order page
        </Link>
        . Need help? See the{" "}
        <Link href={c.helpUrl} style={styles.link}>
          installation guide
        </Link>
        .
      </Text>
      <Reference c={c} />
    </EmailLayout>
  );
}
