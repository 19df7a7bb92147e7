// Sends account email (sign-in links, usage alerts, lost order links) through Resend, built exactly as
// lib/delivery/email.ts builds its client — so in sandbox mode it lands in the same inbox — but kept here
// because that file belongs to delivery and its `send` is private.
import { Resend, type CreateEmailOptions } from "resend";
import { env } from "@/lib/env";
import { DeliveryError } from "@/lib/delivery/errors";
import type { RenderedEmail } from "@/lib/delivery/templates/html";

const REQUEST_TIMEOUT_MS = 15_000;

let client: { key: string; resend: Resend } | undefined;

/** Built on first use (never at import: `new Resend()` throws without a key) and rebuilt when config changes. */
function resend(): Resend {
  const { apiKey, baseUrl } = env().resend;
  const key = `${baseUrl}|${apiKey}`;
  if (client?.key !== key) client = { key, resend: new Resend(apiKey, { baseUrl }) };
  return client.resend;
}

const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "_";

/**
 * Sends one email. With an idempotency key a retry within Resend's 24 h window answers with the first email
 * instead of mailing twice; the body must then be byte-identical, so callers render deterministically.
 */
export async function sendAccountEmail(
  email: RenderedEmail & { to: string; tags: Record<string, string> },
  idempotencyKey?: string,
): Promise<{ id: string }> {
  const payload: CreateEmailOptions = {
    from: env().resend.from,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    tags: Object.entries(email.tags).map(([name, value]) => ({ name, value: tagValue(value) })),
  };
  const { data, error } = await resend().emails.send(payload, {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (error) {
    throw new DeliveryError("email", `Resend: ${error.message}`, error.statusCode ?? undefined, error.statusCode === null ? undefined : error.name);
  }
  return { id: data.id };
}
