import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { customers, esims, orders, type Customer } from "@/lib/db/schema";
import { newCustomerId } from "@/lib/orders/ids";
import { normaliseEmail } from "@/lib/orders/customers";

type Q = Db | Tx;

/** Race-safe: the unique email index decides. */
export async function findOrCreateCustomerByEmail(db: Q, rawEmail: string): Promise<Customer> {
  const email = normaliseEmail(rawEmail);
  const [inserted] = await db
    .insert(customers)
    .values({ id: newCustomerId(), email })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(customers).where(eq(customers.email, email)).limit(1);
  if (!existing) throw new Error(`customer for ${email} vanished between insert and select`);
  return existing;
}

/** A guest who bought before signing up is found by their verified email and gets the Clerk id. */
export async function findOrCreateCustomerForClerk(
  db: Db,
  clerkUserId: string,
  verifiedEmail: string,
): Promise<Customer> {
  const email = normaliseEmail(verifiedEmail);
  const [byClerk] = await db.select().from(customers).where(eq(customers.clerkUserId, clerkUserId)).limit(1);
  if (byClerk) {
    if (byClerk.email !== email) {
      const [taken] = await db.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).limit(1);
      if (!taken) {
        const [moved] = await db.update(customers).set({ email }).where(eq(customers.id, byClerk.id)).returning();
        return moved ?? byClerk;
      }
    }
    return byClerk;
  }
  const customer = await findOrCreateCustomerByEmail(db, email);
  const [linked] = await db
    .update(customers)
    .set({ clerkUserId })
    .where(and(eq(customers.id, customer.id), isNull(customers.clerkUserId)))
    .returning();
  await attachGuestOrders(db, customer.id, email);
  return linked ?? customer;
}

/** Only unowned rows move: an order already linked to someone stays theirs. */
export async function attachGuestOrders(
  db: Q,
  customerId: string,
  rawEmail: string,
): Promise<{ orders: number; esims: number }> {
  const email = normaliseEmail(rawEmail);
  const moved = await db
    .update(orders)
    .set({ customerId, updatedAt: new Date() })
    .where(and(isNull(orders.customerId), sql`lower(${orders.email}) = ${email}`))
    .returning({ id: orders.id });
  const esimRows = await db
    .update(esims)
    .set({ customerId, updatedAt: new Date() })
    .where(
      and(
        isNull(esims.customerId),
        sql`${esims.orderId} in (select ${orders.id} from ${orders} where ${orders.customerId} = ${customerId})`,
      ),
    )
    .returning({ iccid: esims.iccid });
  return { orders: moved.length, esims: esimRows.length };
}

export async function getCustomer(db: Q, id: string): Promise<Customer | null> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row ?? null;
}
