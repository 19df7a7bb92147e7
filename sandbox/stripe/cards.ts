// Stripe's test card numbers and the checks Checkout runs on a card before charging it. Shared by the
// hosted page and the control API so both pay (or decline) in exactly the same way.

export interface CardEntry {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface CardOk {
  ok: true;
  brand: string;
  funding: string;
  country: string;
  last4: string;
}

export interface CardDecline {
  ok: false;
  code: string;
  decline_code?: string;
  message: string;
  param?: string;
}

interface TestCard {
  brand: string;
  funding?: string;
  country?: string;
  decline?: { code: string; decline_code?: string; message: string };
}

const DECLINED = "Your card was declined.";

// https://docs.stripe.com/testing — the numbers an integrator is most likely to type.
const TEST_CARDS: Record<string, TestCard> = {
  "4242424242424242": { brand: "visa" },
  "4000056655665556": { brand: "visa", funding: "debit" },
  "5555555555554444": { brand: "mastercard" },
  "2223003122003222": { brand: "mastercard" },
  "5200828282828210": { brand: "mastercard", funding: "debit" },
  "378282246310005": { brand: "amex" },
  "6011111111111117": { brand: "discover" },
  "4000000000000002": {
    brand: "visa",
    decline: { code: "card_declined", decline_code: "generic_decline", message: DECLINED },
  },
  "4000000000009995": {
    brand: "visa",
    decline: {
      code: "card_declined",
      decline_code: "insufficient_funds",
      message: "Your card has insufficient funds.",
    },
  },
  "4000000000009987": {
    brand: "visa",
    decline: { code: "card_declined", decline_code: "lost_card", message: DECLINED },
  },
  "4000000000009979": {
    brand: "visa",
    decline: { code: "card_declined", decline_code: "stolen_card", message: DECLINED },
  },
  "4000000000000069": { brand: "visa", decline: { code: "expired_card", message: "Your card has expired." } },
  "4000000000000127": {
    brand: "visa",
    decline: { code: "incorrect_cvc", message: "Your card's security code is incorrect." },
  },
  "4000000000000119": {
    brand: "visa",
    decline: {
      code: "processing_error",
      message: "An error occurred while processing your card. Try again in a little bit.",
    },
  },
};

export function digitsOnly(s: string): string {
  return s.replace(/[\s-]/g, "");
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `partial` + digit Luhn-valid. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
  throw new Error("unreachable");
}

/** "MM / YY", "MM/YYYY" or "MMYY" as typed into Checkout's expiry field. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/** Validate and "charge" a card the way Stripe test mode does. `now` is unix seconds. */
export function checkCard(entry: CardEntry, now: number): CardOk | CardDecline {
  const number = digitsOnly(entry.number);
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    return { ok: false, code: "invalid_number", message: "Your card number is invalid.", param: "number" };
  }
  const today = new Date(now * 1000);
  const expired =
    entry.expYear < today.getUTCFullYear() ||
    (entry.expYear === today.getUTCFullYear() && entry.expMonth < today.getUTCMonth() + 1);
  if (!(entry.expMonth >= 1 && entry.expMonth <= 12)) {
    return {
      ok: false,
      code: "invalid_expiry_month",
      message: "Your card's expiration month is invalid.",
      param: "exp_month",
    };
  }
  if (expired)
    return {
      ok: false,
      code: "invalid_expiry_year",
      message: "Your card's expiration date is in the past.",
      param: "exp_year",
    };
  const cvcLength = number.startsWith("34") || number.startsWith("37") ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(entry.cvc)) {
    return { ok: false, code: "invalid_cvc", message: "Your card's security code is invalid.", param: "cvc" };
  }
  const card = TEST_CARDS[number];
  if (!card) {
    // What real test mode answers for a real card number.
    return {
      ok: false,
      code: "card_declined",
      decline_code: "test_mode_live_card",
      message:
        "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.",
    };
  }
  if (card.decline) return { ok: false, ...card.decline };
  return {
    ok: true,
    brand: card.brand,
    funding: card.funding ?? "credit",
    country: card.country ?? "US",
    last4: number.slice(-4),
  };
}

/** Format minor units for people, respecting zero-decimal currencies (JPY…). */
export function formatMoney(amount: number, currency: string, locale = "en-US"): string {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(amount / 10 ** digits);
}
