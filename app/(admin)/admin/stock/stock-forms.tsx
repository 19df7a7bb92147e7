"use client";
// Small forms of the stock page with inputs of their own (ActionButton carries hidden fields only).
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { prebuyAction, stockLevelsAction } from "./actions";

function Result({ state }: { state: ActionState }) {
  return (
    <p role="status" aria-live="polite" className="w-full text-sm">
      {state.error && <span className="text-red-700">{state.error}</span>}
      {state.ok && <span className="text-brand-800">{state.ok}</span>}
    </p>
  );
}

/** Restock target and low-stock threshold; with no `bundleName` the admin types one (a bundle new to stock). */
export function LevelsForm({
  bundleName,
  target,
  threshold,
}: {
  bundleName?: string;
  target: number;
  threshold: number;
}) {
  const [state, action, pending] = useActionState(stockLevelsAction, {});
  const id = bundleName ?? "new";
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label={`Stock levels ${bundleName ?? ""}`}>
      {bundleName ? (
        <input type="hidden" name="bundleName" value={bundleName} />
      ) : (
        <div>
          <label htmlFor={`bn-${id}`} className="field-label">
            Bundle name
          </label>
          <input id={`bn-${id}`} name="bundleName" required className="field w-72 py-2 font-mono text-sm" />
        </div>
      )}
      <div>
        <label htmlFor={`target-${id}`} className="field-label">
          Restock target
        </label>
        <input
          id={`target-${id}`}
          name="targetLevel"
          type="number"
          min="0"
          defaultValue={target}
          className="field w-28 py-2"
        />
      </div>
      <div>
        <label htmlFor={`low-${id}`} className="field-label">
          Alert below
        </label>
        <input
          id={`low-${id}`}
          name="lowThreshold"
          type="number"
          min="0"
          defaultValue={threshold}
          className="field w-28 py-2"
        />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Saving…" : "Save levels"}
      </button>
      <Result state={state} />
    </form>
  );
}

export function PrebuyForm({ bundleName, max }: { bundleName: string; max: number }) {
  const [state, action, pending] = useActionState(prebuyAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label={`Pre-buy ${bundleName}`}>
      <input type="hidden" name="bundleName" value={bundleName} />
      <div>
        <label htmlFor={`qty-${bundleName}`} className="field-label">
          eSIMs to buy now
        </label>
        <input
          id={`qty-${bundleName}`}
          name="quantity"
          type="number"
          min="1"
          max={max}
          defaultValue={1}
          className="field w-28 py-2"
        />
      </div>
      <button type="submit" className="btn-primary px-3 py-2 text-sm" disabled={pending}>
        {pending ? "Buying…" : "Pre-buy from the provider"}
      </button>
      <Result state={state} />
    </form>
  );
}
