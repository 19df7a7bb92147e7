// An unexpected failure reaches the browser only as a request id: a database error's text names tables and values.
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import type { z } from "zod";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { log } from "@/lib/observability/logger";
import { acceptRequestId, currentRequestId, REQUEST_ID_HEADER, runWithRequestId } from "@/lib/observability/context";
import { currentUser, type AuthUser } from "./index";

export type ActionState = { error?: string; ok?: string; values?: Record<string, string> };

export type Resolved<C> = { context: C } | { error: string };

function readForm(formData: FormData) {
  const input: Record<string, string | string[]> = {};
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const prev = input[key];
    input[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    values[key] = value;
  }
  return { input, values };
}

async function requestId(): Promise<string> {
  try {
    return acceptRequestId((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    return randomUUID();
  }
}

function says(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "errors.action" });
}

export function unexpectedFailure(err: unknown, id = currentRequestId(), locale: Locale = "en"): ActionState {
  unstable_rethrow(err); // redirect() and notFound() are Next's control flow, not failures
  log.error({ err }, "action failed");
  const t = says(locale);
  return { error: t("unexpected", { reference: id ?? t("noReference") }) };
}

export function actionWith<C>(resolve: (locale: Locale) => Promise<Resolved<C>>) {
  return <S extends z.ZodType, R extends ActionState = ActionState>(
      schema: S,
      run: (data: z.infer<S>, context: C, formData: FormData) => Promise<R>,
    ) =>
    async (_prev: ActionState, formData: FormData): Promise<R | ActionState> => {
      const id = await requestId();
      const locale = localeOr(formData.get("locale"));
      return runWithRequestId(id, async () => {
        try {
          const who = await resolve(locale);
          if ("error" in who) return { error: who.error };
          const { input, values } = readForm(formData);
          const parsed = schema.safeParse(input);
          if (!parsed.success) {
            // Schemas word their refusals in English; another language gets the generic one.
            const first = locale === "en" ? parsed.error.issues[0]?.message : undefined;
            return { error: first ?? says(locale)("invalid"), values };
          }
          return await run(parsed.data, who.context, formData);
        } catch (err) {
          return unexpectedFailure(err, id, locale);
        }
      });
    };
}

export const validatedAction = actionWith<null>(async () => ({ context: null }));

const signedIn = async (locale: Locale): Promise<Resolved<AuthUser>> => {
  const user = await currentUser();
  return user ? { context: user } : { error: says(locale)("signedOut") };
};

export const validatedActionWithUser = actionWith(signedIn);
