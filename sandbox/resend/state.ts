// Sent mail: records in the store's `resend` namespace, attachment bytes as files under
// `<dataDir>/resend/<emailId>/<index>` so the JSON document stays small however many QR codes are mailed.
import fs from "node:fs";
import path from "node:path";
import type { SandboxApp } from "../server";
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

  touch(): void {
    this.app.store.touch("resend");
  }

  get dir(): string {
    return path.join(this.app.config.dataDir, "resend");
  }

  /** Newest first, as an inbox reads. */
  list(): EmailRecord[] {
    return Object.values(this.state.emails).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Attachment bytes are written before the record that refers to them. */
  save(email: EmailRecord, contents: (Buffer | null)[]): void {
    contents.forEach((data, index) => {
      if (!data) return;
      const dir = path.join(this.dir, email.id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, String(index)), data);
    });
    this.state.emails[email.id] = email;
    this.touch();
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
