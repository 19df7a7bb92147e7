import { describe, expect, it } from "vitest";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { buildLpa } from "./links";
import { renderQrPng, renderQrSvg } from "./qr";

function decodePng(png: Buffer): { text: string | undefined; width: number } {
  const image = PNG.sync.read(png);
  const text = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    image.width,
    image.height,
  )?.data;
  return { text, width: image.width };
}

/**
 * Rasterises the SVG that `qrcode` writes (one path of `M x y` / `m dx 0` / `h n` strokes, one module tall)
 * into pixels, so the test reads the SVG the way a phone camera reads the screen.
 */
function decodeSvg(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])([\d.]+)(?: ([\d.]+))?/g)) {
    if (cmd === "M") [x, y] = [Number(a), Math.floor(Number(b))];
    else if (cmd === "m") x += Number(a);
    else for (let i = 0; i < Number(a); i++, x++) dark.add(`${x},${y}`);
  }
  const scale = 8;
  const px = size * scale;
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let py = 0; py < px; py++) {
    for (let pxX = 0; pxX < px; pxX++) {
      if (!dark.has(`${Math.floor(pxX / scale)},${Math.floor(py / scale)}`)) continue;
      const o = (py * px + pxX) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
    }
  }
  return jsQR(rgba, px, px)?.data;
}

describe("QR codes", () => {
  const lpa = buildLpa("rsp.truphone.com", "JQ-209U6H-6I82J7");

  it("renders a ~300 px PNG that decodes back to the exact LPA", async () => {
    const png = await renderQrPng(lpa);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { text, width } = decodePng(png);
    expect(width).toBeGreaterThanOrEqual(280);
    expect(width).toBeLessThanOrEqual(320);
    expect(text).toBe(lpa);
  });

  it("decodes a long real-world matching ID too", async () => {
    const long = buildLpa("consumer.rsp.world", "LPA-1A2B3C4D5E6F7G8H9I0J-KLMNOPQRSTUVWXYZ-0123456789");
    expect(decodePng(await renderQrPng(long)).text).toBe(long);
  });

  it("renders the same code as SVG (no fixed size, 2-module quiet zone)", async () => {
    const svg = await renderQrSvg(lpa);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/width=/);
    expect(decodeSvg(svg)).toBe(lpa);
  });

  it("different codes give different images", async () => {
    const other = buildLpa("rsp.truphone.com", "JQ-209U6H-6I82J8");
    expect((await renderQrPng(other)).equals(await renderQrPng(lpa))).toBe(false);
  });
});
