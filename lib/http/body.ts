// Request bodies read as a stream with a byte cap, before anything is buffered whole: a client that sends
// (or claims to send) more than a route could ever need is answered 413 without us holding it in memory.
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** Caps for the routes' bodies. Stripe events are rarely over 20 kB; a Checkout form is a few hundred bytes. */
export const BODY_LIMITS = {
  form: 16 * 1024,
  webhook: 256 * 1024,
} as const;

/** The body as UTF-8 text, or BodyTooLargeError past `maxBytes` (checked on Content-Length first, then as read). */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** 413 in our JSON error shape. */
export function bodyTooLarge(): Response {
  return Response.json(
    { error: { code: "body_too_large", message: "Request body too large" } },
    { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
  );
}

/** For routes that take a raw body: the text, or the 413 to answer as is. */
export async function readBodyOr413(
  request: Request,
  maxBytes: number,
): Promise<{ raw: string; response?: never } | { response: Response }> {
  try {
    return { raw: await readBodyLimited(request, maxBytes) };
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { response: bodyTooLarge() };
    throw err;
  }
}
