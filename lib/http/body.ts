// Bodies read as a capped stream: anything larger than a route could need is a 413 before it is buffered.
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

export const BODY_LIMITS = {
  form: 16 * 1024,
  webhook: 256 * 1024,
} as const;

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

export function bodyTooLarge(): Response {
  return Response.json(
    { error: { code: "body_too_large", message: "Request body too large" } },
    { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
  );
}

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
