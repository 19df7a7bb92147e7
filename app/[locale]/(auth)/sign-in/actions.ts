"use server";
// The sign-in form's action: validate, rate-limit, email a link. Same answer whether or not the email has orders.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { validatedAction } from "@/lib/auth/action";
import { emailSchema, requestSignInLink } from "@/lib/auth/email-link";
import { requestMeta } from "@/lib/http/client-ip";
import { log } from "@/lib/observability/logger";

const schema = z.object({ email: emailSchema, next: z.string().max(512).optional() });

export const requestSignInLinkAction = validatedAction(schema, async ({ email, next }) => {
  const { ip } = await requestMeta();
  try {
    const result = await requestSignInLink(await getDb(), { email, next, ip, appUrl: env().appUrl });
    if ("error" in result) return { error: result.error, values: { email } };
  } catch (err) {
    log.error({ err }, "sign-in link failed");
    return { error: "We could not send the email just now. Please try again in a minute.", values: { email } };
  }
  return { ok: `We sent a sign-in link to ${email}. It works once, for 15 minutes.`, values: { email } };
});
