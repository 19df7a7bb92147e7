// Operator alerts (wholesale balance too low, an order parked for a decision): plain and scannable, in English.
import { Heading, Text } from "@react-email/components";
import { shopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { EmailLayout, mono, renderEmail, styles } from "./layout";

export async function renderAdminAlert(input: { subject: string; text: string }): Promise<RenderedEmail> {
  // Callers may already have tagged the subject; one tag is enough for mail filters.
  const subject = /^\[Tern\]/.test(input.subject) ? input.subject : `[Tern] ${input.subject}`;
  const rendered = await renderEmail(
    subject,
    <EmailLayout shop={shopIdentity()} locale="en" preview={input.subject}>
      <Heading as="h1" style={{ ...styles.h1, fontSize: "18px", lineHeight: "26px" }}>
        {input.subject}
      </Heading>
      <Text style={{ ...styles.p, fontFamily: mono, fontSize: "13px", lineHeight: "20px", whiteSpace: "pre-wrap" }}>
        {input.text}
      </Text>
    </EmailLayout>,
  );
  // The admin's plain text is the message as written: its line breaks carry meaning (one fact per line).
  return { ...rendered, text: `${input.subject}\n\n${input.text}\n` };
}
