// Tables and inline styles only, as mail clients honour; pure, so a retried send is byte-identical (Resend
// refuses a reused key with another body).

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export const colours = {
  text: "#111827",
  muted: "#4b5563",
  accent: "#1d4ed8",
  border: "#e5e7eb",
  panel: "#f3f4f6",
} as const;
const font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function paragraph(html: string, muted = false): string {
  return `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:${muted ? colours.muted : colours.text};">${html}</p>`;
}

export function heading(text: string): string {
  return `<h1 style="margin:0 0 16px;font-size:24px;line-height:32px;font-weight:700;color:${colours.text};">${escapeHtml(text)}</h1>`;
}

export function subheading(text: string): string {
  return `<h2 style="margin:24px 0 12px;font-size:18px;line-height:26px;font-weight:700;color:${colours.text};">${escapeHtml(text)}</h2>`;
}

export function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="color:${colours.accent};text-decoration:underline;">${escapeHtml(label)}</a>`;
}

export function button(href: string, label: string): string {
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px;">` +
    `<tr><td style="border-radius:8px;background:${colours.accent};">` +
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;font-family:${font};font-size:16px;line-height:20px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px;">${escapeHtml(label)}</a>` +
    `</td></tr></table>`
  );
}

export function codeTable(rows: { label: string; value: string }[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row" align="left" style="padding:8px 12px 8px 0;font-size:14px;line-height:20px;font-weight:600;color:${colours.muted};vertical-align:top;white-space:nowrap;">${escapeHtml(r.label)}</th>` +
        `<td style="padding:8px 0;font-family:Menlo,Consolas,'Courier New',monospace;font-size:15px;line-height:20px;color:${colours.text};word-break:break-all;-webkit-user-select:all;user-select:all;">${escapeHtml(r.value)}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;background:${colours.panel};border-radius:8px;padding:8px 16px;">${body}</table>`;
}

export function orderedList(items: string[]): string {
  const rows = items
    .map((html) => `<li style="margin:0 0 8px;font-size:16px;line-height:24px;color:${colours.text};">${html}</li>`)
    .join("");
  return `<ol style="margin:0 0 16px;padding-left:24px;">${rows}</ol>`;
}

export function layout(input: {
  title: string;
  preheader: string;
  content: string;
  footer: string;
  lang?: string;
}): string {
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(input.lang ?? "en")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light"><title>${escapeHtml(input.title)}</title></head>` +
    `<body style="margin:0;padding:0;background:${colours.panel};">` +
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(input.preheader)}</div>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:${colours.panel};">` +
    `<tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="max-width:600px;background:#ffffff;border-radius:12px;border:1px solid ${colours.border};">` +
    `<tr><td style="padding:32px 28px;font-family:${font};color:${colours.text};">` +
    `<p style="margin:0 0 24px;font-size:18px;font-weight:700;color:${colours.text};">Tern</p>` +
    input.content +
    `</td></tr>` +
    `<tr><td style="padding:16px 28px 24px;border-top:1px solid ${colours.border};font-family:${font};font-size:13px;line-height:20px;color:${colours.muted};">${input.footer}</td></tr>` +
    `</table></td></tr></table></body></html>`
  );
}

export function textBody(blocks: (string | false | undefined)[]): string {
  return blocks.filter((b): b is string => typeof b === "string").join("\n\n") + "\n";
}
