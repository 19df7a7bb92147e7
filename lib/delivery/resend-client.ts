// Resend's `POST /emails` over fetch: the one call Tern makes, without the SDK's sixteen other resources.
// Wire format as the `resend` SDK sends it (snake_case fields, attachments in base64, Idempotency-Key header).

export interface ResendClientOptions {
  /** `https://api.resend.com`, or the sandbox's `/resend`. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface ResendAttachment {
  filename: string;
  content: Uint8Array;
  contentType?: string;
  /** Lets the HTML show it inline as `<img src="cid:…">`. */
  contentId?: string;
}

export interface ResendEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: ResendAttachment[];
  tags?: { name: string; value: string }[];
}

/** Resend refused the email (`status` set), or no answer came back (`status` unset: it may have been sent). */
export class ResendRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    /** Resend's error name (`validation_error`, `rate_limit_exceeded`, …). */
    readonly code: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ResendRequestError";
  }
}

// Resend rejects requests without a User-Agent (403, Cloudflare's error 1010).
const USER_AGENT = "tern";

const NO_ANSWER = "Unable to fetch data. The request could not be resolved.";

function retryAfter(res: Response): number | undefined {
  const header = res.headers.get("retry-after");
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function failure(res: Response): Promise<ResendRequestError> {
  const text = await res.text().catch(() => "");
  let body: { statusCode?: unknown; message?: unknown; name?: unknown } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not Resend's JSON (a proxy's page): only the HTTP status is known.
  }
  const status = typeof body?.statusCode === "number" ? body.statusCode : res.status;
  const message =
    typeof body?.message === "string"
      ? body.message
      : "Internal server error. We are unable to process your request right now, please try again later.";
  const code = typeof body?.name === "string" ? body.name : "application_error";
  return new ResendRequestError(message, status, code, retryAfter(res));
}

export function resendClient(options: ResendClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/$/, "")}/emails`;

  return {
    /** Sends once per idempotency key: a retry with the same key and payload gets the first answer back. */
    async send(email: ResendEmail, idempotencyKey?: string): Promise<{ id: string }> {
      const headers: Record<string, string> = {
        authorization: `Bearer ${options.apiKey}`,
        "content-type": "application/json",
        "user-agent": USER_AGENT,
      };
      if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
      // Fields in the order the `resend` SDK wrote them: a job retried across an upgrade sends the same bytes
      // under the same idempotency key, which Resend would otherwise refuse as a different request.
      const body = JSON.stringify({
        attachments: email.attachments?.map((a) => ({
          content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString("base64"),
          filename: a.filename,
          content_type: a.contentType,
          content_id: a.contentId,
        })),
        from: email.from,
        html: email.html,
        subject: email.subject,
        tags: email.tags,
        text: email.text,
        to: email.to,
      });
      let res: Response;
      let data: { id?: unknown };
      try {
        res = await doFetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
        if (!res.ok) throw await failure(res);
        data = (await res.json()) as { id?: unknown };
      } catch (err) {
        if (err instanceof ResendRequestError) throw err;
        // Sent, perhaps, but no (readable) answer: a retry with the same key settles it.
        throw new ResendRequestError(NO_ANSWER, undefined, undefined);
      }
      if (typeof data.id !== "string") throw new ResendRequestError(NO_ANSWER, undefined, undefined);
      return { id: data.id };
    },
  };
}

export type ResendClient = ReturnType<typeof resendClient>;
