// Asynchronous purchase processing, as Zendit does it: ACCEPTED → IN_PROGRESS → DONE | FAILED, one step
// every `config.zendit.stepDelayMs`. The cost is held when the purchase is accepted, or at the first step if
// a top-up landed meanwhile; a purchase that still finds the wallet short fails with INSUFFICIENT_FUNDS. Timers are rebuilt from the state on startup, so a
// restarted sandbox finishes what it had accepted.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import { deliver } from "../core/deliver";
import {
  FINAL_STATUSES,
  purchaseView,
  saveZendit,
  zenditState,
  zenditTime,
  type Confirmation,
  type PurchaseRecord,
} from "./state";

export const SMDP_ADDRESS = "smdp.zendit.sandbox.test";
/** Zendit documents no retry schedule for webhooks; a few attempts within a minute keep tests short. */
const WEBHOOK_RETRY_DELAYS_MS = [1000, 5000, 30_000];

export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the finished number (the check digit is rightmost).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** 19 digits, `89` (telecom) + `882` (international networks) + 13 random + Luhn check digit. */
export function newIccid(taken: (iccid: string) => boolean): string {
  for (;;) {
    const body = `89882${Array.from(crypto.randomBytes(13), (b) => String(b % 10)).join("")}`;
    const iccid = body + luhnCheckDigit(body);
    if (!taken(iccid)) return iccid;
  }
}

export class PurchaseProcessor {
  private timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly app: SandboxApp) {
    // Stop with the sandbox, so a closed instance never debits a wallet a newer one on the same data dir owns.
    app.onClose(() => this.stop());
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Schedule every purchase that is not final yet (startup). */
  resumeAll(): void {
    for (const p of Object.values(zenditState(this.app).purchases)) {
      if (!FINAL_STATUSES.includes(p.status)) this.schedule(p.transactionId, Date.parse(p.updatedAt));
    }
  }

  /** Run the next step `stepDelayMs` after `since` (now, or when the current status was entered). */
  schedule(transactionId: string, since = Date.now()): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(transactionId));
    const wait = Math.max(0, since + this.app.config.zendit.stepDelayMs - Date.now());
    // unref: pending steps must not keep a test process (or a closing sandbox) alive.
    const timer = setTimeout(() => {
      this.timers.delete(transactionId);
      this.step(transactionId);
    }, wait).unref();
    this.timers.set(transactionId, timer);
  }

  private step(transactionId: string): void {
    if (this.stopped) return;
    const state = zenditState(this.app);
    const p = state.purchases[transactionId];
    if (!p || FINAL_STATUSES.includes(p.status)) return;
    const now = zenditTime();

    const cost = p.offer.cost.fixed;
    if (p.status === "ACCEPTED" && !p.chargedAt && state.balance >= cost) {
      state.balance -= cost;
      p.chargedAt = now;
    }
    if (p.status === "ACCEPTED" && p.chargedAt) {
      p.status = "IN_PROGRESS";
      p.log.push({ dateTime: now, status: "IN_PROGRESS", statusMessage: "Transaction in progress" });
      p.updatedAt = now;
      saveZendit(this.app);
      this.schedule(transactionId);
      return;
    }

    if (!p.chargedAt) {
      p.status = "FAILED";
      p.error = {
        code: "INSUFFICIENT_FUNDS",
        description: "Insufficient funds to process transaction",
        message: "Your wallet has insufficient funds to process this transaction",
      };
      p.log.push({ dateTime: now, status: "FAILED", statusMessage: "Insufficient funds" });
    } else {
      p.status = "DONE";
      p.confirmation = this.confirm(p);
      p.log.push({ dateTime: now, status: "DONE", statusMessage: "Transaction completed" });
    }
    p.updatedAt = now;
    saveZendit(this.app);
    this.notify(p);
  }

  private confirm(p: PurchaseRecord): Confirmation {
    const purchases = Object.values(zenditState(this.app).purchases);
    // A reload adds a plan to an existing eSIM: same profile, same install details.
    const original = p.iccid ? purchases.find((o) => o.confirmation?.iccid === p.iccid)?.confirmation : undefined;
    const externalReferenceId = `EXT-${crypto.randomInt(10_000_000, 99_999_999)}`;
    if (original) return { ...original, externalReferenceId };
    const iccid = newIccid((candidate) => purchases.some((o) => o.confirmation?.iccid === candidate));
    const matchingId = crypto.randomBytes(12).toString("hex").toUpperCase().match(/.{4}/g)!.join("-");
    return {
      iccid,
      smdpAddress: SMDP_ADDRESS,
      activationCode: `LPA:1$${SMDP_ADDRESS}$${matchingId}`,
      externalReferenceId,
      redemptionInstructions:
        "Scan the QR code with the phone's camera (Settings › Mobile data › Add eSIM), or enter the SM-DP+ address and activation code by hand. Turn on data roaming on arrival.",
    };
  }

  /** POST the finished purchase to the configured webhook URL, read now so tests can point it anywhere. */
  private notify(p: PurchaseRecord): void {
    const { webhookUrl, webhookHeaderName, webhookHeaderValue } = this.app.config.zendit;
    if (!webhookUrl) return;
    const transactionId = p.transactionId;
    const body = JSON.stringify(purchaseView(p));
    deliver({
      url: webhookUrl,
      headers: { [webhookHeaderName]: webhookHeaderValue },
      body: () => ({ body }),
      retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
      timeoutMs: this.app.config.deliveryTimeoutMs,
      onAttempt: (attempt) => {
        const record = zenditState(this.app).purchases[transactionId];
        if (!record) return;
        record.webhookAttempts.push({ ...attempt, url: webhookUrl });
        saveZendit(this.app);
      },
    });
  }
}
