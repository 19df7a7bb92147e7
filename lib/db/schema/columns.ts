import { timestamp } from "drizzle-orm/pg-core";

/** `updated_at` moves on every Drizzle update by itself; raw SQL updates set it explicitly. */
export const timestamps = () => ({
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
