// Validation of `POST /emails` bodies the way Resend answers them: the first problem found, named
// `missing_required_field`, `validation_error` or `invalid_attachment`, with status 422.

export interface ResendError {
  statusCode: number;
  name: string;
  message: string;
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  contentId: string | null;
  content: Buffer | null;
  path: string | null;
}

export interface EmailDraft {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  scheduledAt: string | null;
  attachments: AttachmentInput[];
}

export type Validated = { ok: true; draft: EmailDraft } | { ok: false; error: ResendError };

const MAX_RECIPIENTS = 50;
/** Resend's limit on the whole email after base64 encoding. */
const MAX_ATTACHMENT_BYTES = 40 * 1024 * 1024;
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

const missing = (field: string): Validated => ({
  ok: false,
  error: { statusCode: 422, name: "missing_required_field", message: `Missing \`${field}\` field.` },
});
const invalid = (message: string): Validated => ({
  ok: false,
  error: { statusCode: 422, name: "validation_error", message },
});
const badAttachment = (message: string): Validated => ({
  ok: false,
  error: { statusCode: 422, name: "invalid_attachment", message },
});
const badAddress = (field: string) =>
  invalid(
    `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
  );

/** `"Name <a@b.co>"` or `"a@b.co"`; returns the bare address or undefined when malformed. */
export function addressOf(value: string): string | undefined {
  const named = /^\s*[^<>]*<([^<>]+)>\s*$/.exec(value);
  const address = (named ? named[1]! : value).trim();
  return ADDRESS.test(address) ? address : undefined;
}

function recipients(value: unknown, field: string, required: boolean): string[] | Validated {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0 && !required)) {
    return required ? missing(field) : [];
  }
  const list = Array.isArray(value) ? value : [value];
  if (required && list.length === 0) return missing(field);
  if (list.length > MAX_RECIPIENTS)
    return invalid(`Too many recipients in \`${field}\` field. Maximum is ${MAX_RECIPIENTS}.`);
  for (const item of list) {
    if (typeof item !== "string" || !addressOf(item)) return badAddress(field);
  }
  return list as string[];
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  pdf: "application/pdf",
  txt: "text/plain",
  html: "text/html",
  csv: "text/csv",
  ics: "text/calendar",
  json: "application/json",
};

export function contentTypeFor(filename: string): string {
  return CONTENT_TYPES[filename.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

export function validateEmail(input: unknown): Validated {
  if (!input || typeof input !== "object" || Array.isArray(input))
    return invalid("The request body must be a JSON object.");
  const body = input as Record<string, unknown>;

  if (body.from === undefined || body.from === null || body.from === "") return missing("from");
  if (typeof body.from !== "string" || !addressOf(body.from)) return badAddress("from");

  const to = recipients(body.to, "to", true);
  if (!Array.isArray(to)) return to;
  const cc = recipients(body.cc, "cc", false);
  if (!Array.isArray(cc)) return cc;
  const bcc = recipients(body.bcc, "bcc", false);
  if (!Array.isArray(bcc)) return bcc;
  const replyTo = recipients(body.reply_to, "reply_to", false);
  if (!Array.isArray(replyTo)) return replyTo;

  if (typeof body.subject !== "string" || body.subject === "") return missing("subject");
  const html = typeof body.html === "string" && body.html !== "" ? body.html : null;
  const text = typeof body.text === "string" && body.text !== "" ? body.text : null;
  if (html === null && text === null) return missing("html` or `text");

  const headers: Record<string, string> = {};
  if (body.headers !== undefined && body.headers !== null) {
    if (typeof body.headers !== "object" || Array.isArray(body.headers))
      return invalid("The `headers` field must be an object.");
    for (const [key, value] of Object.entries(body.headers)) {
      if (typeof value !== "string") return invalid(`The \`headers.${key}\` value must be a string.`);
      headers[key] = value;
    }
  }

  const tags: { name: string; value: string }[] = [];
  if (body.tags !== undefined && body.tags !== null) {
    if (!Array.isArray(body.tags)) return invalid("The `tags` field must be an array.");
    for (const tag of body.tags as { name?: unknown; value?: unknown }[]) {
      if (
        typeof tag?.name !== "string" ||
        typeof tag.value !== "string" ||
        !TAG_PART.test(tag.name) ||
        !TAG_PART.test(tag.value)
      ) {
        return invalid("Tags should only contain ASCII letters, numbers, underscores, or dashes.");
      }
      tags.push({ name: tag.name, value: tag.value });
    }
  }

  let scheduledAt: string | null = null;
  if (body.scheduled_at !== undefined && body.scheduled_at !== null) {
    const when = typeof body.scheduled_at === "string" ? Date.parse(body.scheduled_at) : NaN;
    if (Number.isNaN(when)) return invalid("The `scheduled_at` field must be an ISO 8601 date.");
    scheduledAt = new Date(when).toISOString();
  }

  const attachments: AttachmentInput[] = [];
  let total = 0;
  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) return badAttachment("The `attachments` field must be an array.");
    for (const raw of body.attachments as Record<string, unknown>[]) {
      const hasContent = typeof raw?.content === "string" && raw.content !== "";
      const hasPath = typeof raw?.path === "string" && raw.path !== "";
      if (!hasContent && !hasPath) return badAttachment("Attachment must have either a `content` or `path`.");
      let content: Buffer | null = null;
      if (hasContent) {
        if (!BASE64.test(raw.content as string)) return badAttachment("Attachment `content` must be a base64 string.");
        total += (raw.content as string).length;
        content = Buffer.from(raw.content as string, "base64");
      }
      if (hasPath) {
        try {
          new URL(raw.path as string);
        } catch {
          return badAttachment("Attachment `path` must be a valid URL.");
        }
      }
      const filename =
        typeof raw.filename === "string" && raw.filename !== ""
          ? raw.filename
          : hasPath
            ? decodeURIComponent(new URL(raw.path as string).pathname.split("/").pop() || "attachment")
            : "";
      if (!filename) return missing("attachments[].filename");
      attachments.push({
        filename,
        contentType:
          typeof raw.content_type === "string" && raw.content_type ? raw.content_type : contentTypeFor(filename),
        contentId: typeof raw.content_id === "string" && raw.content_id ? raw.content_id : null,
        content,
        path: hasPath ? (raw.path as string) : null,
      });
    }
  }
  if (total > MAX_ATTACHMENT_BYTES) return badAttachment("Attachments exceed the 40MB limit.");

  return {
    ok: true,
    draft: {
      from: body.from,
      to,
      cc,
      bcc,
      replyTo,
      subject: body.subject,
      html,
      text,
      headers,
      tags,
      scheduledAt,
      attachments,
    },
  };
}
