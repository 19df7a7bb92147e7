"use client";
// One eSIM control (installed, suspend, restore) as a small form: the button disables itself while the action
// runs (the server changes the eSIM once anyway) and the answer is read aloud.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";
import { buttonClass } from "@/components/ui/button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function EsimControlButton({
  action,
  iccid,
  label,
  variant = "secondary",
}: {
  action: Action;
  iccid: string;
  label: string;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const t = useTranslations("account.controls");
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="iccid" value={iccid} />
      <input type="hidden" name="locale" value={useLocale()} />
      <button type="submit" className={buttonClass(variant, "w-full")} disabled={pending}>
        {pending ? t("working") : label}
      </button>
      <p role="status" aria-live="polite" className="text-sm">
        {state.error && <span className="text-red-700">{state.error}</span>}
        {state.ok && <span className="text-brand-800">{state.ok}</span>}
      </p>
    </form>
  );
}
