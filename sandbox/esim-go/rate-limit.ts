// eSIM Go's documented rate limit: per source IP, a fixed window of one second, 10 requests by default.

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
}

export class FixedWindowLimiter {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(
    readonly limit = 10,
    readonly windowMs = 1000,
  ) {}

  /** Spend `cost` tokens for `key`. The window opens at the client's first request (not on wall-clock seconds),
   *  so a burst is judged as a whole rather than split by a second boundary. */
  take(key: string, cost = 1, now = Date.now()): RateDecision {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.prune(now);
    }
    const allowed = w.used + cost <= this.limit;
    if (allowed) w.used += cost;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - w.used),
      resetAt: new Date(w.start + this.windowMs),
    };
  }

  clear(): void {
    this.windows.clear();
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
