"use client";
// One admin action as a small form: hidden fields, an optional typed confirmation or note, a submit button
// that disables itself while the action runs (the server is idempotent anyway), and the result read aloud.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function ActionButton({
  action,
  label,
  fields,
  confirm,
  note,
  variant = "secondary",
}: {
  action: Action;
  label: string;
  fields: Record<string, string | number | null | undefined>;
  /** Ask the admin to type this exact text before the action runs (money moves). */
  confirm?: { expected: string; prompt: string };
  /** Ask for a note (resolutions, acknowledgements). */
  note?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `${label}-${Object.values(fields).join("-")}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const cls =
    variant === "primary"
      ? "btn-primary px-3 py-2 text-sm"
      : variant === "danger"
        ? "inline-flex items-center rounded-lg bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        : "btn-secondary";
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      {Object.entries(fields).map(([k, v]) =>
        v === null || v === undefined ? null : <input key={k} type="hidden" name={k} value={String(v)} />,
      )}
      {confirm && (
        <div>
          <label htmlFor={`${id}-confirm`} className="block text-xs font-medium text-slate-700">
            {confirm.prompt} <code className="font-mono">{confirm.expected}</code>
          </label>
          <input
            id={`${id}-confirm`}
            name="confirmation"
            required
            autoComplete="off"
            className="field mt-1 w-64 py-1.5 font-mono text-sm"
          />
        </div>
      )}
      {note && (
        <div>
          <label htmlFor={`${id}-note`} className="block text-xs font-medium text-slate-700">
            {note}
          </label>
          <input id={`${id}-note`} name="note" required minLength={3} className="field mt-1 w-64 py-1.5 text-sm" />
        </div>
      )}
      <button type="submit" className={cls} disabled={pending}>
        {pending ? "Working…" : label}
      </button>
      <p role="status" aria-live="polite" className="w-full text-sm">
        {state.error && <span className="text-red-700">{state.error}</span>}
        {state.ok && <span className="text-brand-800">{state.ok}</span>}
      </p>
    </form>
  );
}
