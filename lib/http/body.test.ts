import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyLimited } from "./body";

function streamOf(chunks: number, size: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  return { body, pulled: () => pulled };
}

describe("readBodyLimited", () => {
  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    const { body, pulled } = streamOf(10, 1024);
    const req = new Request("http://x/", {
      method: "POST",
      body,
      headers: { "content-length": "999999" },
      duplex: "half",
    } as RequestInit);
    await expect(readBodyLimited(req, 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const { body, pulled } = streamOf(1000, 1024);
    const req = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readBodyLimited(req, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThan(10);
  });

  it("returns the exact text of a body within the cap", async () => {
    const text = JSON.stringify({ id: "evt_1", name: "Zoë" });
    expect(await readBodyLimited(new Request("http://x/", { method: "POST", body: text }), 1024)).toBe(text);
    expect(await readBodyLimited(new Request("http://x/", { method: "POST" }), 1024)).toBe("");
  });
});
