// Our Zendit transaction ids: the provider adapter makes them, its webhook reads them back.

/**
 * Zendit's transaction id for one attempt: stable, unique per order and attempt, letters and digits only
 * (Zendit: "any alphanumeric value unique to each transaction"). Our ids are `ord_<base32>`; anything else is
 * hex-encoded so that two different ids can never map to one transaction.
 */
export function transactionIdFor(orderId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`bad attempt number ${attempt}`);
  const m = /^ord_([A-Za-z0-9]+)$/.exec(orderId);
  const body = m ? `ord${m[1]}` : `x${Buffer.from(orderId, "utf8").toString("hex")}`;
  return `tern${body}a${attempt}`;
}

/** The order and attempt a transaction id of ours stands for; null for anyone else's id. */
export function parseTransactionId(transactionId: string): { orderId: string; attempt: number } | null {
  const m = /^tern(ord([A-Za-z0-9]+)|x((?:[0-9a-f]{2})+))a([1-9][0-9]{0,5})$/.exec(transactionId);
  if (!m) return null;
  const orderId = m[2] ? `ord_${m[2]}` : Buffer.from(m[3]!, "hex").toString("utf8");
  return { orderId, attempt: Number(m[4]) };
}
