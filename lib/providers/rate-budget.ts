// A provider's request budget for this process, so a rush of checkouts cannot leave paid purchases answered
// 429: validations fill only part of the window and wait while a purchase does; a 429 (another instance
// spent the limit) pauses every caller until its Retry-After.

export type RatePriority = "purchase" | "validate";

export interface RequestBudget {
  /** Waits until a request of this priority may be sent, and counts it as sent. */
  acquire(priority: RatePriority): Promise<void>;
  /** The provider refused for rate (429): nobody sends for `ms`. */
  pause(ms: number): void;
}

interface RateBudgetOptions {
  limit: number;
  windowMs: number;
  validateLimit: number;
  now?: () => number;
}

export class RateBudget implements RequestBudget {
  private sent: number[] = [];
  private pausedUntil = 0;
  private purchasesWaiting = 0;
  private readonly now: () => number;

  constructor(private readonly options: RateBudgetOptions) {
    this.now = options.now ?? Date.now;
  }

  async acquire(priority: RatePriority): Promise<void> {
    const purchase = priority === "purchase";
    if (purchase) this.purchasesWaiting++;
    try {
      for (;;) {
        const wait = this.waitMs(purchase);
        if (wait === 0) {
          this.sent.push(this.now());
          return;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    } finally {
      if (purchase) this.purchasesWaiting--;
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
  }

  /** Requests counted in the current window (for tests and metrics). */
  inWindow(): number {
    this.prune(this.now());
    return this.sent.length;
  }

  /** 0 when a request may go now; otherwise how long to sleep before looking again. */
  private waitMs(purchase: boolean): number {
    const now = this.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.prune(now);
    const cap = purchase ? this.options.limit : this.options.validateLimit;
    // A waiting purchase goes first: validations step aside until it has been sent.
    if (!purchase && this.purchasesWaiting > 0) return 20;
    if (this.sent.length < cap) return 0;
    // The slot frees when the oldest request that keeps us at the cap leaves the window.
    const freeing = this.sent[this.sent.length - cap]!;
    return Math.max(1, freeing + this.options.windowMs - now);
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= now - this.options.windowMs) drop++;
    if (drop) this.sent.splice(0, drop);
  }
}

const slot = globalThis as unknown as { __ternRateBudgets?: Map<string, RateBudget> };

/**
 * The process-wide budget for one provider endpoint (one per base URL, so tests with their own sandbox get
 * their own). eSIM Go: 10/s documented; we send at most 8 per 1.1 s, validations at most 4 of them.
 */
export function rateBudgetFor(key: string, options: Omit<RateBudgetOptions, "now">): RateBudget {
  slot.__ternRateBudgets ??= new Map();
  let budget = slot.__ternRateBudgets.get(key);
  if (!budget) {
    budget = new RateBudget(options);
    slot.__ternRateBudgets.set(key, budget);
  }
  return budget;
}
