import { createTranslator } from "next-intl";
import { defaultLocale, perLocale, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

export type InstallStep = (string | { strong: string })[];

const IPHONE = ["step1", "step2", "step3", "step4"] as const;
const ANDROID = ["step1", "step2", "step3"] as const;

export interface InstallSteps {
  iphone: InstallStep[];
  android: InstallStep[];
}

// The steps depend on the locale alone: built once each, not in every delivery email. Callers only read them.
export const installSteps: (locale: Locale) => InstallSteps = perLocale(buildInstallSteps);

function buildInstallSteps(locale: Locale): InstallSteps {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "emails.install",
    onError: (error) => {
      throw error;
    },
  });
  // markup hands a tag its text as an array at run time: every <b>…</b> is an odd piece of the split.
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

export const INSTALL_STEPS = installSteps(defaultLocale);

export function installStepText(step: InstallStep): string {
  return step.map((part) => (typeof part === "string" ? part : part.strong)).join("");
}

export function installStepHtml(step: InstallStep, escapeHtml: (s: string) => string): string {
  return step
    .map((part) => (typeof part === "string" ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`))
    .join("");
}
