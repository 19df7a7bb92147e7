import { sendEmail } from "@/lib/delivery/email";
import type { RenderedEmail } from "@/lib/delivery/templates/html";

/** With a key, a retry within Resend's 24 h answers with the first email: the body must be byte-identical. */
export function sendAccountEmail(
  email: RenderedEmail & { to: string; tags: Record<string, string> },
  idempotencyKey?: string,
): Promise<{ id: string }> {
  return sendEmail({ ...email, to: [email.to] }, idempotencyKey);
}
