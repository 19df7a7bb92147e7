// A sender's own timeout must not end a request that waits on a down database: answer 503 first (it retries;
// every webhook commits its dedupe key with its work, so the retry of work that did finish is a duplicate).
export const WEBHOOK_DEADLINE_MS = 10_000;

/** `promise`'s value, or null once `ms` have passed; the work itself goes on. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function busy(): Response {
  return Response.json(
    { error: { code: "busy", message: "The event is taking too long to process; it will be retried" } },
    { status: 503, headers: { "retry-after": "5" } },
  );
}
