"use server";
// Server Actions of the stock page: each checks the admin, parses its form and calls one function in lib/stock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { unexpectedFailure, type ActionState } from "@/lib/auth/action";
import { adminAction } from "@/lib/admin/guard";
import { writeAudit } from "@/lib/audit";
import { importStock, type LineProblem } from "@/lib/stock/import";
import { MAX_PREBUY, prebuy } from "@/lib/stock/prebuy";
import { closePurchase, retireStock, setStockLevels, type StockActionResult } from "@/lib/stock/admin";

/** `csv`/`batch`: what was pasted, handed back on a refusal so the form keeps it to fix the reported lines. */
export type ImportState = { ok?: string; error?: string; problems?: LineProblem[]; csv?: string; batch?: string };

const toState = (r: StockActionResult): ActionState => ("ok" in r ? { ok: r.ok } : { error: r.error });
const bundleName = z.string().min(1).max(200);
const count = (max: number) => z.coerce.number().int("Whole numbers only.").min(0).max(max);

/** The CSV comes as a file (read from the form itself) or pasted text. */
export const importStockAction = adminAction(
  z.object({ csv: z.string().optional(), batch: z.string().optional() }),
  async ({ csv: pasted, batch }, actor, formData): Promise<ImportState> => {
    const file = formData.get("file");
    const fromFile = file instanceof File && file.size > 0;
    const text = fromFile ? await file.text() : (pasted?.trim() ?? "");
    if (!text) return { error: "Choose a CSV file or paste its lines." };
    // React resets the form after the action: a refusal hands the pasted lines back so they can be fixed in place.
    const keep = { csv: fromFile ? undefined : text, batch };
    const db = await getDb();
    try {
      const result = await importStock(db, text, { batch: batch?.slice(0, 100) ?? null, by: actor.email });
      await writeAudit(db, actor, {
        action: "stock.import",
        targetType: "bundle",
        outcome: result.ok ? "applied" : "refused",
        detail: result.ok
          ? { imported: result.imported, bundles: result.bundles }
          : { problems: result.problems.length },
      });
      revalidatePath("/admin/stock");
      if (result.ok) return { ok: `Imported ${result.imported} eSIMs.` };
      return {
        error: `Nothing imported: ${result.problems.length} of ${result.checked} lines have problems.`,
        problems: result.problems.slice(0, 200),
        ...keep,
      };
    } catch (err) {
      return { ...unexpectedFailure(err), ...keep };
    }
  },
);

export const stockLevelsAction = adminAction(
  z.object({ bundleName, targetLevel: count(10_000), lowThreshold: count(10_000) }),
  async (input, actor) => {
    const r = await setStockLevels(await getDb(), input, actor);
    revalidatePath("/admin/stock");
    return toState(r);
  },
);

export const prebuyAction = adminAction(
  z.object({ bundleName, quantity: count(MAX_PREBUY).min(1, "Buy at least one.") }),
  async ({ bundleName, quantity }, actor) => {
    const db = await getDb();
    const r = await prebuy(db, { bundleName, quantity, by: actor.email });
    await writeAudit(db, actor, {
      action: "stock.prebuy",
      targetType: "bundle",
      targetId: bundleName,
      outcome: r.outcome === "bought" ? "applied" : "refused",
      detail: { quantity, outcome: r.outcome },
    });
    revalidatePath("/admin/stock");
    if (r.outcome === "bought") return { ok: `Bought ${r.quantity} eSIMs of ${bundleName}.` };
    if (r.outcome === "refused") return { error: r.message };
    if (r.outcome === "unknown")
      return {
        error: `No clear answer from the provider (pre-buy ${r.purchaseId}): the restock job looks it up there within minutes, and it counts toward the target until then. Do not buy it again.`,
      };
    return { error: r.outcome === "failed" ? `The provider refused: ${r.message}` : "Nothing to buy." };
  },
);

export const retireStockAction = adminAction(
  z.object({ id: z.coerce.number().int().positive(), note: z.string().trim().min(3).max(300) }),
  async ({ id, note }, actor) => {
    const r = await retireStock(await getDb(), id, note, actor);
    revalidatePath("/admin/stock");
    return toState(r);
  },
);

export const closePurchaseAction = adminAction(
  z.object({ id: z.coerce.number().int().positive(), confirmation: z.string().max(40) }),
  async ({ id, confirmation }, actor) => {
    if (confirmation.trim() !== String(id)) return { error: `Type ${id} to confirm.` };
    const r = await closePurchase(await getDb(), id, actor);
    revalidatePath("/admin/stock");
    return toState(r);
  },
);
