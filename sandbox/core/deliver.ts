// Outbound deliveries (Stripe webhooks, eSIM Go callbacks, Zendit webhooks): sent after the response that
// caused them, retried on non-2xx or timeout along a schedule, every attempt recorded by the caller.

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error?: string;
  durationMs: number;
}

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  /** Called before each attempt so signatures can carry a fresh timestamp, as Stripe's do. */
  body: () => { body: string; headers?: Record<string, string> };
  /** Delays before each attempt after the first, in ms. */
  retryDelaysMs: number[];
  timeoutMs: number;
  onAttempt: (attempt: DeliveryAttempt) => void;
}

const pending = new Set<Promise<void>>();

export function deliver(request: DeliveryRequest): void {
  const p = run(request).finally(() => pending.delete(p));
  pending.add(p);
}

/** Resolves once every delivery under way has finished (used on shutdown and by tests). */
export async function drainDeliveries(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

async function run(request: DeliveryRequest): Promise<void> {
  const delays = [0, ...request.retryDelaysMs];
  for (const delay of delays) {
    // unref: a pending retry must not keep a closing sandbox (or a test process) alive.
    if (delay) await new Promise((r) => setTimeout(r, delay).unref());
    const started = Date.now();
    const { body, headers } = request.body();
    try {
      const res = await fetch(request.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers, ...headers },
        body,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      request.onAttempt({ at: new Date(started).toISOString(), status: res.status, durationMs: Date.now() - started });
      if (res.ok) return;
    } catch (err) {
      request.onAttempt({
        at: new Date(started).toISOString(),
        status: null,
        error: (err as Error).message,
        durationMs: Date.now() - started,
      });
    }
  }
}
