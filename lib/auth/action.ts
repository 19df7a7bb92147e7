// Server Actions are never bare: input is parsed with zod (and the user resolved) before the body runs, and
// the result is `{ error } | { ok }` for useActionState — also what a no-JavaScript form post re-renders.
import type { z } from "zod";
import { currentUser, type AuthUser } from "./index";

export type ActionState = { error?: string; ok?: string; values?: Record<string, string> };

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}

export function validatedAction<S extends z.ZodType>(
  schema: S,
  run: (data: z.infer<S>, formData: FormData) => Promise<ActionState>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    const parsed = schema.safeParse(values);
    if (!parsed.success)
      return { error: parsed.error.issues[0]?.message ?? "Please check the form and try again.", values };
    return run(parsed.data, formData);
  };
}

export function validatedActionWithUser<S extends z.ZodType>(
  schema: S,
  run: (data: z.infer<S>, user: AuthUser, formData: FormData) => Promise<ActionState>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await currentUser();
    if (!user) return { error: "Your session has ended. Please sign in again." };
    const values = formValues(formData);
    const parsed = schema.safeParse(values);
    if (!parsed.success)
      return { error: parsed.error.issues[0]?.message ?? "Please check the form and try again.", values };
    return run(parsed.data, user, formData);
  };
}
