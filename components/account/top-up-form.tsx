"use client";
// The top-up choices, one small form each (one button per plan). A plain form post without JavaScript;
// with it, a failure is shown in place and the buttons wait while Stripe Checkout is being prepared.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";

export interface TopUpChoice {
  name: string;
  title: string;
  price: string;
}

export function TopUpForm({
  iccid,
  choices,
  action,
}: {
  iccid: string;
  choices: TopUpChoice[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const t = useTranslations("account.topUp");
  const locale = useLocale();
  return (
    <>
      {state.error ? (
        <p role="alert" className="mt-3 text-sm font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      <ul className="mt-4 space-y-2" data-testid="top-up-options">
        {choices.map((c) => (
          <li key={c.name}>
            <form
              action={formAction}
              className="flex items-center justify-between gap-3 rounded-lg border border-slate-200 p-3"
            >
              <input type="hidden" name="iccid" value={iccid} />
              <input type="hidden" name="bundle" value={c.name} />
              <input type="hidden" name="locale" value={locale} />
              <span className="text-sm">
                <span className="block font-medium text-slate-900">{c.title}</span>
                <span className="text-slate-600">{c.price}</span>
              </span>
              <Button
                type="submit"
                className="px-3 py-2 text-sm"
                disabled={pending}
                aria-label={t("buttonLabel", { title: c.title, price: c.price })}
              >
                {t("button")}
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
