// Payment confirmed → buying your eSIM → ready. The state of each step is derived from the order's progress
// by `stepStates` (pure, so the mapping is tested without rendering).
import { useTranslations } from "next-intl";
import type { OrderProgress } from "@/lib/orders/progress";

export type { OrderProgress };

export type StepState = "complete" | "current" | "upcoming" | "problem";

export function stepStates(progress: OrderProgress): [StepState, StepState, StepState] {
  switch (progress) {
    case "awaiting_payment":
    case "expired":
      return ["current", "upcoming", "upcoming"];
    case "payment_confirmed":
    case "buying":
      return ["complete", "current", "upcoming"];
    case "ready":
      return ["complete", "complete", "complete"];
    case "needs_attention":
    case "failed":
    case "refunded":
      return ["complete", "problem", "upcoming"];
  }
}

const STEP_KEYS = ["paid", "buying", "ready"] as const;
/** A top-up installs nothing: its steps say so. */
const TOPUP_STEP_KEYS = ["paid", "adding", "added"] as const;

export function ProgressSteps({ progress, topUp = false }: { progress: OrderProgress; topUp?: boolean }) {
  const t = useTranslations("checkout.steps");
  const states = stepStates(progress);
  return (
    <ol className="grid gap-3 sm:grid-cols-3" data-testid="progress-steps" data-progress={progress}>
      {(topUp ? TOPUP_STEP_KEYS : STEP_KEYS).map((key, i) => {
        const state = states[i]!;
        const label = t(key);
        return (
          <li
            key={label}
            aria-current={state === "current" ? "step" : undefined}
            data-state={state}
            className={`flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm ${
              state === "complete"
                ? "border-brand-200 bg-brand-50 text-brand-900"
                : state === "current"
                  ? "border-brand-600 bg-white font-semibold text-slate-900"
                  : state === "problem"
                    ? "border-amber-300 bg-amber-50 text-amber-900"
                    : "border-slate-200 bg-white text-slate-600"
            }`}
          >
            <StepIcon state={state} index={i} />
            <span>
              {label}
              <span className="sr-only">, {t(`state.${state}`)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function StepIcon({ state, index }: { state: StepState; index: number }) {
  const base = "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-bold";
  if (state === "complete") {
    return (
      <span aria-hidden="true" className={`${base} bg-brand-700 text-white`}>
        ✓
      </span>
    );
  }
  if (state === "current") {
    return (
      <span aria-hidden="true" className={`${base} border-2 border-brand-600 text-brand-700`}>
        <span className="size-2.5 animate-pulse rounded-full bg-brand-600" />
      </span>
    );
  }
  if (state === "problem") {
    return (
      <span aria-hidden="true" className={`${base} bg-amber-200 text-amber-900`}>
        !
      </span>
    );
  }
  return (
    <span aria-hidden="true" className={`${base} border border-slate-300 text-slate-600`}>
      {index + 1}
    </span>
  );
}
