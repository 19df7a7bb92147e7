// Sent mail: records in the store's `resend` namespace; each email's HTML and text parts in
// `<dataDir>/resend/<emailId>/body.json` and its attachment bytes in `<dataDir>/resend/<emailId>/<index>`, written
// once and read when asked, so neither the state document nor the heap grows with every email's content.
import fs from "node:fs";
import path from "node:path";
import type { SandboxApp } from "../server";
import type { RecordPath } from "../core/store";
import type { EmailDraft } from "./validate";

export interface AttachmentRecord {
  filename: string;
  contentType: string;
  /** Set for inline images: the HTML refers to it as `cid:<contentId>`. */
  contentId: string | null;
  size: number;
  /** Where Resend was told to fetch it from; null when the content came in the request. */
  path: string | null;
  /** False when `path` pointed outside the sandbox: recorded, not fetched. */
  stored: boolean;
}

export type LastEvent = "delivered" | "bounced" | "complained" | "scheduled";

/** A sent email: what was asked for, plus what the sandbox made of it. */
export interface EmailRecord extends Omit<EmailDraft, "attachments"> {
  id: string;
  attachments: AttachmentRecord[];
  idempotencyKey: string | null;
  lastEvent: LastEvent;
  createdAt: string;
  /** The stored record's html and text are null: the parts are in `body.json` (`ResendStore.withBody`). */
  bodyOnDisk?: boolean;
}

export interface IdempotencyRecord {
  /** Hash of the canonical request body: a retry must match it exactly. */
  hash: string;
  response: unknown;
  at: number;
}

export interface ResendState {
  emails: Record<string, EmailRecord>;
  /** Keyed by `<endpoint> <Idempotency-Key>`. */
  idempotency: Record<string, IdempotencyRecord>;
}

export class ResendStore {
  constructor(private readonly app: SandboxApp) {}

  get state(): ResendState {
    return this.app.store.ns<ResendState>("resend", () => ({ emails: {}, idempotency: {} }));
  }

  /** Name the records changed (`["emails", id]`) so only they are written. */
  touch(...records: RecordPath[]): void {
    this.app.store.touch("resend", ...records);
  }

  get dir(): string {
    return path.join(this.app.config.dataDir, "resend");
  }

  /** Newest first, as an inbox reads. */
  list(): EmailRecord[] {
    // ISO timestamps order as plain strings; localeCompare made a sort of thousands of emails take tens of ms.
    return Object.values(this.state.emails).sort((a, b) =>
      a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
    );
  }

  /** The body and attachment bytes are written before the record that refers to them. */
  save(email: EmailRecord, contents: (Buffer | null)[]): void {
    const dir = path.join(this.dir, email.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "body.json"), JSON.stringify({ html: email.html, text: email.text }));
    contents.forEach((data, index) => {
      if (data) fs.writeFileSync(path.join(dir, String(index)), data);
    });
    this.state.emails[email.id] = { ...email, html: null, text: null, bodyOnDisk: true };
    this.touch(["emails", email.id]);
  }

  /** The email with its HTML and text parts, for the few answers that show them. */
  withBody(email: EmailRecord): EmailRecord {
    if (!email.bodyOnDisk) return email;
    try {
      const body = JSON.parse(fs.readFileSync(path.join(this.dir, email.id, "body.json"), "utf8")) as {
        html: string | null;
        text: string | null;
      };
      return { ...email, html: body.html, text: body.text };
    } catch {
      return email;
    }
  }

  attachmentBytes(email: EmailRecord, index: number): Buffer | undefined {
    if (!email.attachments[index]?.stored) return undefined;
    try {
      return fs.readFileSync(path.join(this.dir, email.id, String(index)));
    } catch {
      return undefined;
    }
  }

  wipeFiles(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
