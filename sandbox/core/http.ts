// Small HTTP helpers shared by every imitated service.
import type { IncomingMessage, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.writeHead(status, { location });
  res.end();
}

/** A nested value as Stripe parses form bodies: `a[b][0][c]=1` → `{ a: { b: [{ c: "1" }] } }`.
 *  Arrays come from numeric or empty (`a[]=x`) brackets. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export function parseStripeForm(text: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const keys = parseBracketKey(rawKey);
    let node: Record<string, FormValue> | FormValue[] = root;
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const nextKey = keys[i + 1];
      const container: FormValue = nextKey === "" || (nextKey !== undefined && /^\d+$/.test(nextKey)) ? [] : {};
      if (Array.isArray(node)) {
        const idx = key === "" ? node.length : Number(key);
        if (last) node[idx] = value;
        else node = (node[idx] ??= container) as Record<string, FormValue> | FormValue[];
      } else {
        if (last) node[key] = value;
        else node = (node[key] ??= container) as Record<string, FormValue> | FormValue[];
      }
    });
  }
  return compactArrays(root) as Record<string, FormValue>;
}

function parseBracketKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) parts.push(m[1] ?? "");
  return parts;
}

function compactArrays(v: FormValue): FormValue {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compactArrays);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compactArrays(x)]));
  return v;
}

export function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? "/", "http://sandbox").searchParams;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
