import { Heading, Text } from "@react-email/components";
import { shopIdentity } from "@/lib/shop/identity";
import type { RenderedEmail } from "./html";
import { EmailLayout, mono, renderEmail, styles } from "./layout";

export async function renderAdminAlert(input: { subject: string; text: string }): Promise<RenderedEmail> {
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
  return { ...rendered, text: `${input.subject}\n\n${input.text}\n` };
}
