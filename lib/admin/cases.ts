import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { adminCases, orders } from "@/lib/db/schema";
import { recordStep } from "@/lib/orders/lifecycle";
import type { Actor } from "./guard";
import { audited, done, lost, noChange, refused, type ActionResult } from "./action-result";

export function takeCase(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "case.take", orderId, async () => {
    const [exists] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
    if (!exists) return refused("No such order.");
    const [row] = await db
      .insert(adminCases)
      .values({ orderId, ownerEmail: actor.email, takenAt: new Date() })
      .onConflictDoUpdate({
        target: adminCases.orderId,
        set: { ownerEmail: actor.email, takenAt: sql`now()`, updatedAt: sql`now()` },
        setWhere: isNull(adminCases.ownerEmail),
      })
      .returning({ owner: adminCases.ownerEmail });
    if (row) return done("You have taken this case.");
    const [current] = await db.select().from(adminCases).where(eq(adminCases.orderId, orderId));
    return current?.ownerEmail === actor.email
      ? noChange("You already have this case.")
      : lost(`Already taken by ${current?.ownerEmail}.`);
  });
}

export function releaseCase(db: Db, orderId: string, actor: Actor): Promise<ActionResult> {
  return audited(db, actor, "case.release", orderId, async () => {
    const rows = await db
      .update(adminCases)
      .set({ ownerEmail: null, takenAt: null, updatedAt: sql`now()` })
      .where(and(eq(adminCases.orderId, orderId), eq(adminCases.ownerEmail, actor.email)))
      .returning({ id: adminCases.orderId });
    return rows.length ? done("Case released.") : noChange("You do not hold this case.");
  });
}

export function markResolved(db: Db, orderId: string, note: string, actor: Actor): Promise<ActionResult> {
  return audited(
    db,
    actor,
    "case.resolve",
    orderId,
    async () => {
      const trimmed = note.trim();
      if (trimmed.length < 3) return refused("Write a short note saying how it was settled.");
      const [exists] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
      if (!exists) return refused("No such order.");
      await db.insert(adminCases).values({ orderId }).onConflictDoNothing();
      const rows = await db
        .update(adminCases)
        .set({ resolvedAt: sql`now()`, resolvedBy: actor.email, resolutionNote: trimmed, updatedAt: sql`now()` })
        .where(
          and(
            eq(adminCases.orderId, orderId),
            or(
              isNull(adminCases.resolvedAt),
              sql`${adminCases.resolvedAt} < (select updated_at from ${orders} where id = ${orderId})`,
            ),
          ),
        )
        .returning({ id: adminCases.orderId });
      if (rows.length === 0) return noChange("Already resolved.");
      await recordStep(db, orderId, "admin.resolved", { by: actor.email, note: trimmed }, "note");
      return done("Marked resolved.");
    },
    { note },
  );
}
