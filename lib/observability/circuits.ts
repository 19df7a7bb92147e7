// Where each circuit breaker reports its state, so health checks and metrics can read every circuit without
// knowing who owns it. Per process, kept on globalThis so a dev server's hot reload does not lose it.
export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitSnapshot {
  name: string;
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number | null;
  /** When an open circuit lets its next probe through (ms since epoch). */
  retryAt: number | null;
}

type Tracked = { snapshot(): CircuitSnapshot };
const g = globalThis as unknown as { __ternCircuitStates?: Map<string, Tracked> };
const tracked = (g.__ternCircuitStates ??= new Map());

/** Reports this circuit's state from now on (the latest one under a name wins). */
export function trackCircuit(name: string, circuit: Tracked): void {
  tracked.set(name, circuit);
}

export function circuitSnapshots(): CircuitSnapshot[] {
  return [...tracked.values()].map((c) => c.snapshot());
}
