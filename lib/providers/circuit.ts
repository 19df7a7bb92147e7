// Only 5xx, timeouts and refused connections count; a 4xx or 429 says nothing of a provider's health.
import { env } from "@/lib/env";
import { trackCircuit, type CircuitSnapshot, type CircuitState } from "@/lib/observability/circuits";

export type { CircuitSnapshot, CircuitState };

interface CircuitOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
}

export class CircuitOpenError extends Error {
  constructor(
    readonly circuit: string,
    readonly retryAfterMs: number,
  ) {
    super(`${circuit} circuit is open; not calling for ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = "CircuitOpenError";
  }
}

export class Circuit {
  private state: CircuitState = "closed";
  private failures = 0;
  private openedAt: number | null = null;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(
    readonly name: string,
    private readonly options: CircuitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  admit(): { probe: boolean } {
    if (this.state === "open") {
      const waited = this.now() - this.openedAt!;
      if (waited < this.options.openMs) throw new CircuitOpenError(this.name, this.options.openMs - waited);
      this.state = "half_open";
    }
    if (this.state === "half_open") {
      // One probe at a time: everyone else fails fast until it answers.
      if (this.probeInFlight) throw new CircuitOpenError(this.name, this.options.openMs);
      this.probeInFlight = true;
      return { probe: true };
    }
    return { probe: false };
  }

  succeeded(token: { probe: boolean }): void {
    if (token.probe) this.probeInFlight = false;
    this.failures = 0;
    this.state = "closed";
    this.openedAt = null;
  }

  failed(token: { probe: boolean }): void {
    if (token.probe) this.probeInFlight = false;
    this.failures++;
    if (token.probe || this.state === "half_open" || this.failures >= this.options.failureThreshold) {
      this.state = "open";
      this.openedAt = this.now();
    }
  }

  neutral(token: { probe: boolean }): void {
    if (token.probe) this.succeeded(token);
  }

  /** The call was never sent: it says nothing of the provider, and a probe's turn passes to the next call. */
  withdrawn(token: { probe: boolean }): void {
    if (token.probe) this.probeInFlight = false;
  }

  async run<T>(fn: () => Promise<T>, isFailure: (err: unknown) => boolean): Promise<T> {
    const token = this.admit();
    try {
      const result = await fn();
      this.succeeded(token);
      return result;
    } catch (err) {
      if (isFailure(err)) this.failed(token);
      else this.neutral(token);
      throw err;
    }
  }

  snapshot(): CircuitSnapshot {
    const due = this.state === "open" && this.now() - this.openedAt! >= this.options.openMs;
    return {
      name: this.name,
      state: due ? "half_open" : this.state,
      consecutiveFailures: this.failures,
      openedAt: this.openedAt,
      retryAt: this.state === "open" ? this.openedAt! + this.options.openMs : null,
    };
  }
}

const registry = (globalThis as unknown as { __ternCircuits?: Map<string, Circuit> }).__ternCircuits ?? new Map();
(globalThis as unknown as { __ternCircuits?: Map<string, Circuit> }).__ternCircuits = registry;

function circuitFor(name: string, options: CircuitOptions): Circuit {
  let circuit = registry.get(name);
  if (!circuit) {
    circuit = new Circuit(name, options);
    registry.set(name, circuit);
    trackCircuit(name, circuit);
  }
  return circuit;
}

export function providerCircuit(provider: string): Circuit {
  const { circuitFailureThreshold, circuitOpenMs } = env().observability;
  return circuitFor(provider, { failureThreshold: circuitFailureThreshold, openMs: circuitOpenMs });
}
