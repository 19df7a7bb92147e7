"use client";
// "Your data": download it, or delete the account. A plain form post without JavaScript.
import { Link, getPathname } from "@/lib/i18n/navigation";
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";

export function AccountDataSection({
  action,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const t = useTranslations("account.data");
  return (
    <section aria-labelledby="your-data" className="mt-12 rounded-xl border border-slate-200 p-5 sm:p-6">
      <h2 id="your-data" className="text-xl font-bold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        {t.rich("intro", {
          privacy: (chunks) => (
            <Link href="/privacy" className="font-medium text-brand-700 underline underline-offset-2">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <p className="mt-4">
        <a
          href={getPathname({ href: "/account/data", locale: useLocale() })}
          download
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {t("download")}
        </a>
      </p>
      <form action={formAction} className="mt-6 space-y-3 border-t border-slate-200 pt-5">
        <input type="hidden" name="locale" value={useLocale()} />
        <h3 className="font-semibold text-slate-900">{t("deleteHeading")}</h3>
        <p className="text-sm text-slate-700">{t("deleteIntro")}</p>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="confirm" value="yes" required className="mt-1" />
          <span>{t("confirm")}</span>
        </label>
        {state.error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {state.error}
          </p>
        ) : null}
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("deleteButton")}
        </Button>
      </form>
    </section>
  );
}
