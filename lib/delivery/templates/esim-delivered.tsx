// A top-up email carries no QR: a second install attempt fails (an activation code installs once).
import { Button, Heading, Img, Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { installSteps, type InstallStep } from "@/lib/delivery/install-steps";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { emailTranslator, type EmailTranslator } from "./i18n";
import { brand, EmailLayout, mono, renderEmail, styles } from "./layout";

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
  helpUrl: string;
  locale: Locale;
  shop: ShopIdentity;
}

export function renderEsimDeliveredEmail(c: EsimDeliveredContent): Promise<RenderedEmail> {
  const t = emailTranslator(c.locale);
  return c.kind === "topup"
    ? renderEmail(t("topup.subject", { bundle: c.bundleTitle }), <TopupEmail c={c} t={t} />)
    : renderEmail(t("delivered.subject", { bundle: c.bundleTitle }), <NewEsimEmail c={c} t={t} />);
}

interface Props {
  c: EsimDeliveredContent;
  t: EmailTranslator;
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

function linkTo(href: string) {
  return function link(chunks: ReactNode) {
    return (
      <Link href={href} style={styles.link}>
        {chunks}
      </Link>
    );
  };
}

function Reference({ c, t }: Props) {
  return (
    <Text style={styles.muted}>
      {t.rich("delivered.reference", { orderId: c.orderId, iccid: c.iccid, order: linkTo(c.orderUrl) })}
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

function NewEsimEmail({ c, t }: Props) {
  const steps = installSteps(c.locale);
  return (
    <EmailLayout shop={c.shop} locale={c.locale} preview={t("delivered.preview")}>
      <Heading as="h1" style={styles.h1}>
        {t("delivered.heading")}
      </Heading>
      <Text style={styles.p}>{t.rich("delivered.thanks", { bundle: c.bundleTitle, strong })}</Text>
      <Text style={styles.p}>{t("delivered.wifi")}</Text>
      <Heading as="h2" style={styles.h2}>
        {t("delivered.installHeading")}
      </Heading>
      <Section style={{ margin: "0 0 12px" }}>
        <Button href={c.appleInstallUrl} style={styles.button}>
          {t("delivered.installIphone")}
        </Button>
      </Section>
      <Text style={styles.muted}>{t("delivered.iphoneNote")}</Text>
      <Section style={{ margin: "0 0 12px" }}>
        <Button href={c.androidInstallUrl} style={styles.button}>
          {t("delivered.installAndroid")}
        </Button>
      </Section>
      <Heading as="h2" style={styles.h2}>
        {t("delivered.scanHeading")}
      </Heading>
      <Text style={styles.p}>{t("delivered.scanBody", { file: "esim-qr.png" })}</Text>
      <Img
        src={`cid:${QR_CONTENT_ID}`}
        width="240"
        height="240"
        alt={t("delivered.qrAlt")}
        style={{ display: "block", margin: "0 0 16px", border: 0 }}
      />
      <Heading as="h2" style={styles.h2}>
        {t("delivered.manualHeading")}
      </Heading>
      <table
        role="presentation"
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        style={{ margin: "0 0 16px", background: brand.panel, borderRadius: "8px", padding: "8px 16px" }}
      >
        <tbody>
          <CodeRow label={t("delivered.smdpAddress")} value={c.smdpAddress} />
          <CodeRow label={t("delivered.activationCode")} value={c.matchingId} />
        </tbody>
      </table>
      <Text style={styles.muted}>
        {t("delivered.oneCode")} <span style={{ fontFamily: mono, wordBreak: "break-all" }}>{c.lpa}</span>
      </Text>
      <Heading as="h2" style={styles.h2}>
        {t("delivered.iphoneSteps")}
      </Heading>
      <Steps steps={steps.iphone} />
      <Heading as="h2" style={styles.h2}>
        {t("delivered.androidSteps")}
      </Heading>
      <Steps steps={steps.android} />
      <Text style={styles.p}>{t.rich("delivered.guide", { guide: linkTo(c.helpUrl), order: linkTo(c.orderUrl) })}</Text>
      <Reference c={c} t={t} />
    </EmailLayout>
  );
}

function TopupEmail({ c, t }: Props) {
  return (
    <EmailLayout shop={c.shop} locale={c.locale} preview={t("topup.preview")}>
      <Heading as="h1" style={styles.h1}>
        {t("topup.heading")}
      </Heading>
      <Text style={styles.p}>{t.rich("topup.added", { bundle: c.bundleTitle, iccid: c.iccid, strong })}</Text>
      <Text style={styles.p}>{t("topup.nothingToInstall")}</Text>
      <Text style={styles.p}>{t.rich("topup.links", { order: linkTo(c.orderUrl), guide: linkTo(c.helpUrl) })}</Text>
      <Reference c={c} t={t} />
    </EmailLayout>
  );
}
