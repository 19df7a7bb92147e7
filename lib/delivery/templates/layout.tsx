import { Body, Container, Head, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import type { ReactElement, ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { emailTranslator, registrationIn, shopLink } from "./i18n";

export const brand = {
  primary: "#0d5a5e",
  text: "#0f172a",
  muted: "#475569",
  border: "#e2e8f0",
  panel: "#f1f5f9",
  tint: "#f0f9f9",
} as const;

export const font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
export const mono = "Menlo,Consolas,'Courier New',monospace";

export const styles = {
  h1: { margin: "0 0 16px", fontSize: "24px", lineHeight: "32px", fontWeight: 700, color: brand.text },
  h2: { margin: "24px 0 12px", fontSize: "18px", lineHeight: "26px", fontWeight: 700, color: brand.text },
  p: { margin: "0 0 16px", fontSize: "16px", lineHeight: "24px", color: brand.text },
  muted: { margin: "0 0 16px", fontSize: "14px", lineHeight: "22px", color: brand.muted },
  link: { color: brand.primary, textDecoration: "underline" },
  button: {
    display: "inline-block",
    padding: "12px 20px",
    borderRadius: "8px",
    background: brand.primary,
    color: "#ffffff",
    fontSize: "16px",
    lineHeight: "20px",
    fontWeight: 600,
    textDecoration: "none",
  },
} as const;

const POLICIES = [
  { path: "/terms", key: "terms" },
  { path: "/refund-policy", key: "refundPolicy" },
  { path: "/privacy", key: "privacy" },
] as const;

export function EmailLayout({
  shop,
  locale,
  preview,
  children,
  reference,
}: {
  shop: ShopIdentity;
  locale: Locale;
  preview: string;
  children: ReactNode;
  reference?: string;
}) {
  const t = emailTranslator(locale);
  const registration = registrationIn(t, shop);
  return (
    <Html lang={locale}>
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ margin: 0, padding: 0, background: brand.panel, fontFamily: font }}>
        <Container style={{ maxWidth: "600px", margin: "0 auto", padding: "24px 12px" }}>
          <Section style={{ background: brand.primary, borderRadius: "12px 12px 0 0", padding: "16px 28px" }}>
            <Img
              src={`${shop.appUrl}/email-logo.png`}
              width="32"
              height="32"
              alt=""
              style={{
                display: "inline-block",
                verticalAlign: "middle",
                borderRadius: "6px",
                border: "1px solid #ffffff",
              }}
            />
            <span
              style={{
                marginLeft: "10px",
                verticalAlign: "middle",
                fontSize: "20px",
                fontWeight: 700,
                color: "#ffffff",
              }}
            >
              {shop.name}
            </span>
          </Section>
          <Section
            style={{
              background: "#ffffff",
              border: `1px solid ${brand.border}`,
              borderTop: 0,
              borderRadius: "0 0 12px 12px",
              padding: "32px 28px",
              color: brand.text,
            }}
          >
            {children}
          </Section>
          <Section style={{ padding: "16px 28px", fontSize: "13px", lineHeight: "20px", color: brand.muted }}>
            {reference ? (
              <Text style={{ ...styles.muted, fontSize: "13px", margin: "0 0 8px" }}>{reference}</Text>
            ) : null}
            <Text style={{ ...styles.muted, fontSize: "13px", margin: "0 0 8px" }}>
              {t.rich("layout.questions", {
                email: shop.supportEmail,
                contact: (chunks) => (
                  <Link href={shopLink(shop.appUrl, locale, "/contact")} style={styles.link}>
                    {chunks}
                  </Link>
                ),
                mail: (chunks) => (
                  <Link href={`mailto:${shop.supportEmail}`} style={styles.link}>
                    {chunks}
                  </Link>
                ),
              })}
            </Text>
            <Hr style={{ borderColor: brand.border, margin: "12px 0" }} />
            <Text style={{ ...styles.muted, fontSize: "13px", margin: "0 0 8px" }}>
              {POLICIES.map((p, i) => (
                <span key={p.path}>
                  {i > 0 ? " · " : ""}
                  <Link href={shopLink(shop.appUrl, locale, p.path)} style={styles.link}>
                    {t(`layout.${p.key}`)}
                  </Link>
                </span>
              ))}
            </Text>
            <Text style={{ ...styles.muted, fontSize: "13px", margin: 0 }}>
              {shop.legalName} · {shop.address}
              {registration ? ` · ${registration}` : ""}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

// The options render(element, { plainText: true }) converts with, compiled once: that path renders the element
// a second time and compiles these selectors on every call.
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

/** One render for both parts, so HTML and text cannot say different things. */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { subject, html, text: toPlainText(html).trim() + "\n" };
}
