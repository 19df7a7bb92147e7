// An activation code is a bearer credential: never sent to a third-party QR web service.
import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

// Level M survives a smudged screen; margin 2 is the quiet zone phone cameras need.
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

const PNG_TARGET_PX = 300;

/** 1-bit greyscale straight from the module matrix: qrcode's RGBA path was the largest cost of a delivery. */
export async function renderQrPng(lpa: string): Promise<Buffer> {
  const { modules } = QRCode.create(lpa, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const count = modules.size + 2 * OPTIONS.margin;
  const scale = Math.max(1, Math.round(PNG_TARGET_PX / count));
  const width = count * scale;
  const rowBytes = Math.ceil(width / 8);
  const line = rowBytes + 1;
  const raw = Buffer.alloc(line * width, 0xff);
  for (let my = -OPTIONS.margin; my < modules.size + OPTIONS.margin; my++) {
    const first = (my + OPTIONS.margin) * scale * line;
    raw[first] = 0;
    if (my >= 0 && my < modules.size)
      for (let mx = 0; mx < modules.size; mx++) {
        if (!modules.get(my, mx)) continue;
        for (let x = (mx + OPTIONS.margin) * scale, end = x + scale; x < end; x++)
          raw[first + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
      }
    for (let k = 1; k < scale; k++) raw.copy(raw, first + k * line, first, first + line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "ascii");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

export function renderQrSvg(lpa: string): Promise<string> {
  return QRCode.toString(lpa, { ...OPTIONS, type: "svg" });
}
