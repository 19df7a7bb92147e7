// Account email (sign-in links, usage alerts, lost-order links) goes out through the same Resend path as
// delivery email, so in sandbox mode it lands in the same inbox and errors classify the same way.
import { sendEmail } from "@/lib/delivery/email";
import type { RenderedEmail } from "@/lib/delivery/templates/html";

/**
 * Sends one email. With an idempotency key a retry within Resend's 24 h window answers with the first email
 * instead of mailing twice; the body must then be byte-identical, so callers render deterministically.
 */
export function sendAccountEmail(
  email: RenderedEmail & { to: string; tags: Record<string, string> },
  idempotencyKey?: string,
): Promise<{ id: string }> {
  return sendEmail({ ...email, to: [email.to] }, idempotencyKey);
}
