// The one copy of the iPhone and Android install steps: the delivery email, the order and eSIM pages all
// render these. The words live in the `emails` messages (install.*), with <b> around the menu names; here they
// become plain data (text and emphasised parts), so they render as HTML, JSX or plain text.
import { createTranslator } from "next-intl";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

/** A step is a run of text; `{ strong }` parts are the menu names to look for. */
export type InstallStep = (string | { strong: string })[];

const IPHONE = ["step1", "step2", "step3", "step4"] as const;
const ANDROID = ["step1", "step2", "step3"] as const;

export function installSteps(locale: Locale): { iphone: InstallStep[]; android: InstallStep[] } {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "emails.install",
    onError: (error) => {
      throw error;
    },
  });
  // Every <b>…</b> becomes the odd pieces of the split (markup hands a tag its text as an array at run time).
  const step = (key: Parameters<typeof t.markup>[0]): InstallStep =>
    t
      .markup(key, { b: (chunks) => `\u0000${[chunks].flat().join("")}\u0000` })
      .split("\u0000")
      .map((text, i) => (i % 2 ? { strong: text } : text))
      .filter((part) => part !== "");
  return {
    iphone: IPHONE.map((k) => step(`iphone.${k}`)),
    android: ANDROID.map((k) => step(`android.${k}`)),
  };
}

/** The English steps (pages not yet translated). */
export const INSTALL_STEPS = installSteps(defaultLocale);

export function installStepText(step: InstallStep): string {
  return step.map((part) => (typeof part === "string" ? part : part.strong)).join("");
}

export function installStepHtml(step: InstallStep, escapeHtml: (s: string) => string): string {
  return step
    .map((part) => (typeof part === "string" ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`))
    .join("");
}
