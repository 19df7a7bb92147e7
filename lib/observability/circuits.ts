// Per process, on globalThis so a dev server's hot reload does not lose circuit state.
export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitSnapshot {
  name: string;
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number | null;
  retryAt: number | null;
}

type Tracked = { snapshot(): CircuitSnapshot };
const g = globalThis as unknown as { __ternCircuitStates?: Map<string, Tracked> };
const tracked = (g.__ternCircuitStates ??= new Map());

export function trackCircuit(name: string, circuit: Tracked): void {
  tracked.set(name, circuit);
}

export function circuitSnapshots(): CircuitSnapshot[] {
  return [...tracked.values()].map((c) => c.snapshot());
}
