// Operator alerts (wholesale balance too low, an order parked for a decision): plain and scannable.
import { escapeHtml, type RenderedEmail } from "./html";

export function renderAdminAlert(input: { subject: string; text: string }): RenderedEmail {
  // Callers may already have tagged the subject; one tag is enough for mail filters.
  const subject = /^\[Tern\]/.test(input.subject) ? input.subject : `[Tern] ${input.subject}`;
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;">` +
    `<p style="margin:0 0 12px;font-size:16px;font-weight:700;">${escapeHtml(input.subject)}</p>` +
    `<pre style="margin:0;font-family:Menlo,Consolas,'Courier New',monospace;font-size:13px;line-height:20px;white-space:pre-wrap;">${escapeHtml(input.text)}</pre>` +
    `</body></html>`;
  return { subject, html, text: `${input.subject}\n\n${input.text}\n` };
}
