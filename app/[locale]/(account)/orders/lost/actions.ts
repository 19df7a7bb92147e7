"use server";
// "I lost my order link": email a one-time link into the account, where every order with that email is.
// The answer is the same whether or not the address has orders.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { validatedAction } from "@/lib/auth/action";
import { emailSchema, requestSignInLink } from "@/lib/auth/email-link";
import { requestMeta } from "@/lib/http/client-ip";
import { log } from "@/lib/observability/logger";

export const requestOrderLinksAction = validatedAction(z.object({ email: emailSchema }), async ({ email }) => {
  const { ip } = await requestMeta();
  try {
    const result = await requestSignInLink(await getDb(), { email, ip, appUrl: env().appUrl, purpose: "lost-links" });
    if ("error" in result) return { error: result.error, values: { email } };
  } catch (err) {
    log.error({ err }, "lost-links email failed");
    return { error: "We could not send the email just now. Please try again in a minute.", values: { email } };
  }
  return {
    ok: `If ${email} has orders with us, the email we just sent opens them. The link works once, for 15 minutes.`,
    values: { email },
  };
});
