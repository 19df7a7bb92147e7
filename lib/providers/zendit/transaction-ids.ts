/** Anything but our `ord_<base32>` ids is hex-encoded, so two ids can never map to one transaction. */
export function transactionIdFor(orderId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`bad attempt number ${attempt}`);
  const m = /^ord_([A-Za-z0-9]+)$/.exec(orderId);
  const body = m ? `ord${m[1]}` : `x${Buffer.from(orderId, "utf8").toString("hex")}`;
  return `tern${body}a${attempt}`;
}

export function parseTransactionId(transactionId: string): { orderId: string; attempt: number } | null {
  const m = /^tern(ord([A-Za-z0-9]+)|x((?:[0-9a-f]{2})+))a([1-9][0-9]{0,5})$/.exec(transactionId);
  if (!m) return null;
  const orderId = m[2] ? `ord_${m[2]}` : Buffer.from(m[3]!, "hex").toString("utf8");
  return { orderId, attempt: Number(m[4]) };
}
