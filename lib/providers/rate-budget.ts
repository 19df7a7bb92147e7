// Validations fill only part of the window and wait while a purchase does, so a rush of checkouts cannot leave
// paid purchases answered 429. A caller may bound its wait: a validation that cannot be sent soon is worth
// less than the catalogue's answer now, and must not hold its callers for as long as purchases queue.

export type RatePriority = "purchase" | "validate";

export interface RequestBudget {
  /** Takes a slot, or gives up (false) once `maxWaitMs` has passed without one. */
  acquire(priority: RatePriority, maxWaitMs?: number): Promise<boolean>;
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

  async acquire(priority: RatePriority, maxWaitMs = Infinity): Promise<boolean> {
    const purchase = priority === "purchase";
    const giveUpAt = this.now() + maxWaitMs;
    if (purchase) this.purchasesWaiting++;
    try {
      for (;;) {
        const wait = this.waitMs(purchase);
        if (wait === 0) {
          this.sent.push(this.now());
          return true;
        }
        const left = giveUpAt - this.now();
        if (left <= 0) return false;
        await new Promise((r) => setTimeout(r, Math.min(wait, left)));
      }
    } finally {
      if (purchase) this.purchasesWaiting--;
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
  }

  inWindow(): number {
    this.prune(this.now());
    return this.sent.length;
  }

  private waitMs(purchase: boolean): number {
    const now = this.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.prune(now);
    const cap = purchase ? this.options.limit : this.options.validateLimit;
    if (!purchase && this.purchasesWaiting > 0) return 20;
    if (this.sent.length < cap) return 0;
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

/** One per base URL, so tests with their own sandbox get their own. */
export function rateBudgetFor(key: string, options: Omit<RateBudgetOptions, "now">): RateBudget {
  slot.__ternRateBudgets ??= new Map();
  let budget = slot.__ternRateBudgets.get(key);
  if (!budget) {
    budget = new RateBudget(options);
    slot.__ternRateBudgets.set(key, budget);
  }
  return budget;
}
