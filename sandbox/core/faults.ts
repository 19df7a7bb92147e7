// Injected faults and latency, set through the control API. A fault matches a service and, optionally, a
// route: `"POST /orders"` (method + route pattern or concrete path), `"/orders"` (any method), or nothing.
import type { ServiceName } from "./router";

export interface FaultSpec {
  service: ServiceName;
  route?: string;
  status?: number;
  /** How many matching requests it affects; default 1, or unlimited when `probability` is set. */
  times?: number;
  /** Affect each matching request with this chance (0–1) instead of every one: "20 % of calls fail". */
  probability?: number;
  delayMs?: number;
  retryAfter?: number;
  /** Perform the action, then drop the connection before answering. */
  dropAfterSend?: boolean;
  message?: string;
  body?: unknown;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
  hits: number;
}

export class Faults {
  private list: ActiveFault[] = [];
  private delays = new Map<string, number>();
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const times = spec.times ?? (spec.probability === undefined ? 1 : Number.POSITIVE_INFINITY);
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: times, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  clear(): void {
    this.list = [];
  }

  active(): ActiveFault[] {
    return this.list;
  }

  /** Consume one use of the first fault matching this request, if any. */
  take(service: ServiceName, method: string, pattern: string, path: string): ActiveFault | undefined {
    // One roll per probabilistic fault per request: a miss lets later faults (or none) apply.
    const fault = this.list.find(
      (f) =>
        f.service === service &&
        f.remaining > 0 &&
        matches(f.route, method, pattern, path) &&
        (f.probability === undefined || Math.random() < f.probability),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.remaining <= 0) this.list = this.list.filter((f) => f !== fault);
    return fault;
  }

  setLatency(service: string, ms: number): void {
    if (ms > 0) this.delays.set(service, ms);
    else this.delays.delete(service);
  }

  latencies(): Record<string, number> {
    return Object.fromEntries(this.delays);
  }

  async latency(service: ServiceName): Promise<void> {
    const ms = this.delays.get(service) ?? this.delays.get("*") ?? 0;
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }
}

function matches(route: string | undefined, method: string, pattern: string, path: string): boolean {
  if (!route) return true;
  const [a, b] = route.includes(" ") ? route.split(" ", 2) : [undefined, route];
  if (a && a.toUpperCase() !== method) return false;
  return b === pattern || b === path;
}
