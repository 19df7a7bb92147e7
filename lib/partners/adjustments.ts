// The reference carries a nonce minted with the form, so a double click posts once.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { ledgerEntries, ledgerTransactions, partners } from "@/lib/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Actor } from "@/lib/admin/guard";
import { balanceOf, partnerAccount, postTransaction } from "./ledger";

const adjustmentAccount = (currency: string) => `house:adjustments:${currency}`;

interface AdjustmentInput {
  partnerId: string;
  direction: "credit" | "debit";
  amountMinor: number;
  memo: string;
  confirmation: string;
  nonce: string;
}

type AdjustmentResult =
  { outcome: "applied" | "no_change"; balanceMinor: number } | { outcome: "refused"; message: string };

export async function postAdjustment(db: Db, actor: Actor, input: AdjustmentInput): Promise<AdjustmentResult> {
  const reference = `adjustment:${input.nonce}`;
  const signed = input.direction === "credit" ? input.amountMinor : -input.amountMinor;
  const detail = { direction: input.direction, amountMinor: input.amountMinor, memo: input.memo, reference };
  const refuse = async (message: string): Promise<AdjustmentResult> => {
    await writeAudit(db, actor, {
      action: "partner.ledger_adjustment",
      targetType: "partner",
      targetId: input.partnerId,
      outcome: "refused",
      detail: { ...detail, reason: message },
    });
    return { outcome: "refused", message };
  };
  if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0) return refuse("Enter an amount above zero.");
  if (input.confirmation.trim() !== input.partnerId) return refuse(`Type ${input.partnerId} to confirm.`);

  const result = await db.transaction(async (tx): Promise<AdjustmentResult | "unknown" | "nonce_reused"> => {
    // Under the partner's lock: the balance the admin is told is the one after this posting.
    const [partner] = await tx.select().from(partners).where(eq(partners.id, input.partnerId)).for("update");
    if (!partner) return "unknown";
    const posted = await postTransaction(tx, {
      partnerId: partner.id,
      kind: "adjustment",
      reference,
      currency: partner.currency,
      memo: `${input.memo} (by ${actor.email})`,
      lines: [
        [partnerAccount(partner.id), signed],
        [adjustmentAccount(partner.currency), -signed],
      ],
    });
    if (!posted) {
      const [earlier] = await tx
        .select({ partnerId: ledgerTransactions.partnerId, amountMinor: ledgerEntries.amountMinor })
        .from(ledgerTransactions)
        .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
        .where(
          and(eq(ledgerTransactions.reference, reference), eq(ledgerEntries.accountId, partnerAccount(partner.id))),
        );
      if (!earlier || earlier.amountMinor !== signed) return "nonce_reused";
      return { outcome: "no_change", balanceMinor: await balanceOf(tx, partner.id) };
    }
    await writeAudit(tx, actor, {
      action: "partner.ledger_adjustment",
      targetType: "partner",
      targetId: partner.id,
      outcome: "applied",
      detail,
    });
    return { outcome: "applied", balanceMinor: await balanceOf(tx, partner.id) };
  });
  if (result === "unknown") return refuse("Unknown partner.");
  if (result === "nonce_reused") return refuse("This form was already used for another adjustment: reload the page.");
  return result;
}
