"use client";
// Pin (or unpin) one currency's rate: the rate is typed as people quote it, units per 1 unit of the base.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function PinRateForm({
  action,
  currency,
  base,
  pinned,
}: {
  action: Action;
  currency: string;
  base: string;
  pinned: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `pin-${currency}`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" data-testid={id}>
      <input type="hidden" name="currency" value={currency} />
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {currency} per 1 {base} (empty: follow the source)
        </label>
        <input
          id={id}
          name="rate"
          inputMode="decimal"
          pattern="\d+(\.\d+)?"
          defaultValue={pinned ?? ""}
          autoComplete="off"
          className="field mt-1 w-40 py-1.5 font-mono text-sm"
        />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Working…" : "Pin rate"}
      </button>
      <p role="status" aria-live="polite" className="w-full text-sm">
        {state.error && <span className="text-red-700">{state.error}</span>}
        {state.ok && <span className="text-brand-800">{state.ok}</span>}
      </p>
    </form>
  );
}
