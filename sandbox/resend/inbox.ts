// The inbox: every email "sent" through the Resend imitation, readable in a browser. The HTML part renders
// in a sandboxed iframe (no scripts, no same-origin access) with `cid:` images pointed at the sandbox.
import type { SandboxApp } from "../server";
import { escapeHtml, sendText } from "../core/http";
import { renderPage } from "../pages/layout";
import type { EmailRecord, ResendStore } from "./state";

const attachmentUrl = (email: EmailRecord, index: number) =>
  `/inbox/${encodeURIComponent(email.id)}/attachments/${index}`;

/** `src="cid:qr"` → the sandbox URL serving the attachment whose content_id is `qr`. */
export function rewriteCid(email: EmailRecord, html: string): string {
  const byCid = new Map<string, number>();
  email.attachments.forEach((a, i) => {
    if (a.contentId) byCid.set(a.contentId.replace(/^<|>$/g, "").toLowerCase(), i);
  });
  return html.replace(/cid:([^"'()\s>]+)/gi, (match, cid: string) => {
    const index = byCid.get(decodeURIComponent(cid).replace(/^<|>$/g, "").toLowerCase());
    return index === undefined ? match : attachmentUrl(email, index);
  });
}

const list = (values: string[]) => (values.length ? escapeHtml(values.join(", ")) : '<span class="muted">—</span>');

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerInbox(app: SandboxApp, store: ResendStore): void {
  app.page("GET", "/inbox", ({ res, query }) => {
    const to = query.get("to")?.toLowerCase() ?? "";
    const emails = store
      .list()
      .filter((e) => !to || [...e.to, ...e.cc, ...e.bcc].some((a) => a.toLowerCase().includes(to)));
    const rows = emails
      .map(
        (e) => `<tr>
  <td><a href="/inbox/${encodeURIComponent(e.id)}">${escapeHtml(e.subject)}</a></td>
  <td>${list(e.to)}</td>
  <td>${escapeHtml(e.from)}</td>
  <td><time datetime="${e.createdAt}">${escapeHtml(e.createdAt.replace("T", " ").slice(0, 19))} UTC</time></td>
  <td>${e.attachments.length ? `${e.attachments.length}` : '<span class="muted">—</span>'}</td>
</tr>`,
      )
      .join("\n");
    const filter = `<form method="get" action="/inbox" role="search">
  <label for="to">Recipient contains</label>
  <input id="to" name="to" type="search" value="${escapeHtml(to)}">
  <button type="submit">Filter</button>
</form>`;
    const table = emails.length
      ? `<table>
<caption>${emails.length} email${emails.length === 1 ? "" : "s"}, newest first</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Sent</th><th scope="col">Attachments</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
      : `<p>No email yet${to ? ` for “${escapeHtml(to)}”` : ""}. Anything sent through <code>POST /resend/emails</code> appears here.</p>`;
    renderPage(res, "Inbox", `<h1>Inbox</h1>\n${filter}\n${table}`);
  });

  app.page("GET", "/inbox/:id", ({ res, params }) => {
    const stored = store.state.emails[params.id!];
    const email = stored && store.withBody(stored);
    if (!email)
      return renderPage(res, "Not found", `<h1>Email not found</h1><p><a href="/inbox">Back to the inbox</a></p>`, 404);
    const id = encodeURIComponent(email.id);
    const meta: [string, string][] = [
      ["From", escapeHtml(email.from)],
      ["To", list(email.to)],
      ["Cc", list(email.cc)],
      ["Bcc", list(email.bcc)],
      ["Reply-To", list(email.replyTo)],
      ["Sent", `<time datetime="${email.createdAt}">${escapeHtml(email.createdAt)}</time>`],
      [
        "Status",
        `<span class="badge">${escapeHtml(email.lastEvent)}</span>${email.scheduledAt ? ` for ${escapeHtml(email.scheduledAt)}` : ""}`,
      ],
      ["Id", `<code>${escapeHtml(email.id)}</code>`],
      [
        "Idempotency key",
        email.idempotencyKey ? `<code>${escapeHtml(email.idempotencyKey)}</code>` : '<span class="muted">—</span>',
      ],
      [
        "Tags",
        email.tags.length
          ? escapeHtml(email.tags.map((t) => `${t.name}=${t.value}`).join(", "))
          : '<span class="muted">—</span>',
      ],
    ];
    const htmlPart = email.html
      ? `<iframe sandbox src="/inbox/${id}/html" title="HTML part of “${escapeHtml(email.subject)}”"></iframe>
<p><a href="/inbox/${id}/html">Open the HTML part on its own</a></p>`
      : '<p class="muted">This email has no HTML part.</p>';
    const textPart = email.text
      ? `<pre>${escapeHtml(email.text)}</pre>`
      : '<p class="muted">This email has no text part.</p>';
    const headers = Object.entries(email.headers);
    const headerTable = headers.length
      ? `<table><thead><tr><th scope="col">Header</th><th scope="col">Value</th></tr></thead><tbody>${headers
          .map(([k, v]) => `<tr><td><code>${escapeHtml(k)}</code></td><td>${escapeHtml(v)}</td></tr>`)
          .join("")}</tbody></table>`
      : '<p class="muted">No custom headers.</p>';
    const attachments = email.attachments.length
      ? `<table><thead><tr><th scope="col">File</th><th scope="col">Type</th><th scope="col">Size</th><th scope="col">Inline id</th></tr></thead><tbody>${email.attachments
          .map((a, i) => {
            const link = a.stored
              ? `<a href="${attachmentUrl(email, i)}?download=1" download="${escapeHtml(a.filename)}">${escapeHtml(a.filename)}</a>`
              : `${escapeHtml(a.filename)} <span class="muted">(not fetched: <a href="${escapeHtml(a.path ?? "")}" rel="noreferrer">${escapeHtml(a.path ?? "")}</a>)</span>`;
            return `<tr><td>${link}</td><td>${escapeHtml(a.contentType)}</td><td>${a.stored ? formatSize(a.size) : "—"}</td><td>${
              a.contentId ? `<code>cid:${escapeHtml(a.contentId)}</code>` : '<span class="muted">—</span>'
            }</td></tr>`;
          })
          .join("")}</tbody></table>`
      : '<p class="muted">No attachments.</p>';

    renderPage(
      res,
      email.subject,
      `<p><a href="/inbox">← Inbox</a></p>
<h1>${escapeHtml(email.subject)}</h1>
<dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>
<h2>HTML</h2>
${htmlPart}
<h2>Text</h2>
${textPart}
<h2>Headers</h2>
${headerTable}
<h2>Attachments</h2>
${attachments}`,
    );
  });

  // The email's own HTML. The CSP `sandbox` keeps scripts dead even when opened directly, not in the iframe.
  app.page("GET", "/inbox/:id/html", ({ res, params }) => {
    const stored = store.state.emails[params.id!];
    const email = stored && store.withBody(stored);
    if (!email?.html) return sendText(res, 404, "Not found", "text/plain; charset=utf-8");
    sendText(res, 200, rewriteCid(email, email.html), "text/html; charset=utf-8", {
      "content-security-policy":
        "sandbox; default-src 'none'; img-src 'self' data: http: https:; style-src 'unsafe-inline'; font-src data:",
      "cache-control": "no-store",
    });
  });

  app.page("GET", "/inbox/:id/attachments/:index", ({ res, params, query }) => {
    const email = store.state.emails[params.id!];
    const index = Number(params.index);
    const attachment = email?.attachments[index];
    const bytes = email && attachment ? store.attachmentBytes(email, index) : undefined;
    if (!attachment || !bytes)
      return sendText(res, 404, "Attachment not found (or recorded by path only)", "text/plain; charset=utf-8");
    // An attached .html must not run as the sandbox's own origin.
    const headers: Record<string, string> = {
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
    };
    if (query.has("download")) {
      headers["content-disposition"] =
        `attachment; filename="${attachment.filename.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`;
    }
    sendText(res, 200, bytes, attachment.contentType, headers);
  });
}
