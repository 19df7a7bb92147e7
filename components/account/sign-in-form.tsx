"use client";
// Email-link sign-in form. A plain form post without JavaScript; with it, the answer appears in place.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";

export function SignInForm({
  action,
  next,
  defaultEmail,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  next: string;
  defaultEmail?: string;
  submitLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const t = useTranslations("auth.form");
  const locale = useLocale();
  if (state.ok) {
    return (
      <div role="status" className="rounded-lg border border-brand-200 bg-brand-50 p-4 text-brand-900">
        <p className="font-semibold">{t("checkInbox")}</p>
        <p className="mt-1 text-sm">{state.ok}</p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {/* The action answers, and writes the email, in the page's language. */}
      <input type="hidden" name="locale" value={locale} />
      <div>
        <label htmlFor="email" className="field-label">
          {t("emailLabel")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email ?? defaultEmail}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : "sign-in-hint"}
          className="field"
        />
        <p id="sign-in-hint" className="mt-1.5 text-sm text-slate-600">
          {t("hint")}
        </p>
      </div>
      {state.error ? (
        <p id="sign-in-error" role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? t("sending") : (submitLabel ?? t("submit"))}
      </button>
    </form>
  );
}
