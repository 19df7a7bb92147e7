// QR codes for activation codes, rendered in-process. An activation code is a bearer credential for the
// eSIM, so it is never sent to a third-party QR web service.
import QRCode from "qrcode";

// Level M survives a smudged screen or a creased printout; margin 2 is the quiet zone phone cameras need
// (the spec's 4 wastes space on a screen with a white background around it anyway).
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** A ~300 px PNG of the activation code. */
export function renderQrPng(lpa: string): Promise<Buffer> {
  // filterType 2 ("up") skips zlib's adaptive filter search: ~6× faster to encode on the delivery hot path,
  // for a PNG of ~6 kB instead of ~2 kB.
  return QRCode.toBuffer(lpa, {
    ...OPTIONS,
    type: "png",
    width: 300,
    rendererOpts: { filterType: 2 },
  } as QRCode.QRCodeToBufferOptions);
}

/** The same code as an SVG document (scales to any size; inlined on the order page). */
export function renderQrSvg(lpa: string): Promise<string> {
  return QRCode.toString(lpa, { ...OPTIONS, type: "svg" });
}
