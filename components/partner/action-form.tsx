"use client";
// A form bound to a Server Action with useActionState: the fields are the children (server-rendered), the
// result is read aloud, and a secret the action returns (a new API key, a signing secret) is shown in a box to
// copy, with what is true about seeing it again.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function ActionForm({
  action,
  submitLabel,
  children,
  label,
  className = "mt-3 flex flex-wrap items-end gap-3",
  variant = "primary",
  secretNote = "Copy it now — it is not shown again:",
}: {
  action: Action;
  submitLabel: string;
  children?: React.ReactNode;
  /** The form's accessible name. */
  label: string;
  className?: string;
  variant?: "primary" | "secondary" | "danger";
  /** What is true about the returned secret: an API key is never shown again; a signing secret can be. */
  secretNote?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const cls =
    variant === "primary"
      ? "btn-primary px-4 py-2 text-sm"
      : variant === "danger"
        ? "inline-flex items-center rounded-lg bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        : "btn-secondary";
  const secret = state.values?.secret;
  return (
    <form action={formAction} aria-label={label} className={className}>
      {children}
      <button type="submit" className={cls} disabled={pending}>
        {pending ? "Working…" : submitLabel}
      </button>
      <div role="status" aria-live="polite" className="w-full text-sm">
        {state.error && <p className="text-red-700">{state.error}</p>}
        {state.ok && <p className="text-brand-800">{state.ok}</p>}
        {secret && (
          <p className="mt-2">
            <span className="block font-semibold text-slate-900">{secretNote}</span>
            <code
              data-testid="new-secret"
              className="mt-1 block break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-white"
            >
              {secret}
            </code>
          </p>
        )}
      </div>
    </form>
  );
}
