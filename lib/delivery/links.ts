// GSMA SGP.22's `LPA:1$<SM-DP+ address>$<matching ID>`: QR, one-tap links and manual fields carry exactly these.

export class LpaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LpaError";
  }
}

export interface LpaParts {
  smdpAddress: string;
  matchingId: string;
}

// A part with whitespace would make a QR no phone accepts: a bug upstream, not something to paper over.
const FORBIDDEN = /[$\s\u0000-\u001f\u007f]/;

function checkPart(name: string, value: string): string {
  const part = value.trim();
  if (part === "") throw new LpaError(`${name} is empty`);
  if (FORBIDDEN.test(part))
    throw new LpaError(`${name} contains "$", whitespace or a control character: ${JSON.stringify(part)}`);
  return part;
}

export function buildLpa(smdpAddress: string, matchingId: string): string {
  return `LPA:1$${checkPart("SM-DP+ address", smdpAddress)}$${checkPart("matching ID", matchingId)}`;
}

export function parseLpa(lpa: string): LpaParts {
  const match = /^LPA:1\$([^$]*)\$([^$]*)(?:\$[^$]*){0,2}$/i.exec(lpa.trim());
  if (!match) throw new LpaError(`not an LPA activation code: ${JSON.stringify(lpa)}`);
  return { smdpAddress: checkPart("SM-DP+ address", match[1]!), matchingId: checkPart("matching ID", match[2]!) };
}

// `:` and `$` are legal in a query and stay, as in Apple's documented form; anything else outside the
// unreserved set is percent-encoded so it cannot end the query.
function carddata(lpa: string): string {
  const { smdpAddress, matchingId } = parseLpa(lpa);
  return encodeURIComponent(buildLpa(smdpAddress, matchingId)).replace(/%24/g, "$").replace(/%3A/gi, ":");
}

export function appleInstallUrl(lpa: string): string {
  return `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${carddata(lpa)}`;
}

export function androidInstallUrl(lpa: string): string {
  return `https://esimsetup.android.com/esim_qrcode_provisioning?carddata=${carddata(lpa)}`;
}

/** iPads in desktop mode report a Mac and get false; Safari 26 freezes the reported OS at 18_6, still ≥ 17.4. */
export function supportsIosOneTap(userAgent: string | null | undefined): boolean {
  if (!userAgent) return false;
  const match = /\((?:iPhone|iPad|iPod)[^)]*?\bCPU (?:iPhone )?OS (\d+)_(\d+)/.exec(userAgent);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 17 || (major === 17 && minor >= 4);
}

export function isAndroid(userAgent: string | null | undefined): boolean {
  return Boolean(userAgent && /\bAndroid\b/.test(userAgent));
}
