// eSIM activation codes and the links that install them.
//
// The activation code is GSMA SGP.22's `LPA:1$<SM-DP+ address>$<matching ID>`: the QR code, the one-tap
// links and the manual entry fields all carry exactly these parts, so they are built in one place.

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

// `$` separates the fields; whitespace and control characters would survive into a QR code that no phone
// accepts, so a part carrying one is a bug upstream, not something to paper over here.
const FORBIDDEN = /[$\s\u0000-\u001f\u007f]/;

function checkPart(name: string, value: string): string {
  const part = value.trim();
  if (part === "") throw new LpaError(`${name} is empty`);
  if (FORBIDDEN.test(part))
    throw new LpaError(`${name} contains "$", whitespace or a control character: ${JSON.stringify(part)}`);
  return part;
}

/** `LPA:1$<smdp>$<matchingId>`; both parts trimmed. Throws `LpaError` on an empty part or one containing `$`. */
export function buildLpa(smdpAddress: string, matchingId: string): string {
  return `LPA:1$${checkPart("SM-DP+ address", smdpAddress)}$${checkPart("matching ID", matchingId)}`;
}

/**
 * The SM-DP+ address and matching ID of an activation code. Accepts SGP.22's optional trailing fields
 * (`$<SM-DP+ OID>$<confirmation code required flag>`) and ignores them. Throws `LpaError` when malformed.
 */
export function parseLpa(lpa: string): LpaParts {
  const match = /^LPA:1\$([^$]*)\$([^$]*)(?:\$[^$]*){0,2}$/i.exec(lpa.trim());
  if (!match) throw new LpaError(`not an LPA activation code: ${JSON.stringify(lpa)}`);
  return { smdpAddress: checkPart("SM-DP+ address", match[1]!), matchingId: checkPart("matching ID", match[2]!) };
}

/**
 * The LPA as the `carddata` query value. Apple's documented form (and the 1GLOBAL and eSIM Go examples)
 * passes the code literally — `carddata=LPA:1$rsp.example.com$CODE` — and `:` and `$` are legal in a query
 * (RFC 3986 `pchar` / sub-delims), so they stay as they are: the link then reads exactly like the code the
 * customer sees. Anything else outside the unreserved set (`&`, `#`, `+`, `%`, …, never seen in real
 * matching IDs but legal in SGP.22) is percent-encoded so it cannot end or change the query.
 */
function carddata(lpa: string): string {
  const { smdpAddress, matchingId } = parseLpa(lpa);
  return encodeURIComponent(buildLpa(smdpAddress, matchingId)).replace(/%24/g, "$").replace(/%3A/gi, ":");
}

/** Apple's eSIM universal link: opens the "Add eSIM" sheet directly on iOS 17.4 and later. */
export function appleInstallUrl(lpa: string): string {
  return `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${carddata(lpa)}`;
}

/** Google's equivalent for Android phones with eSIM support. */
export function androidInstallUrl(lpa: string): string {
  return `https://esimsetup.android.com/esim_qrcode_provisioning?carddata=${carddata(lpa)}`;
}

/**
 * True for iPhone/iPad browsers on iOS/iPadOS 17.4 or later, where Apple's universal link installs the eSIM.
 * Every iOS browser (Safari, Chrome's CriOS, Firefox's FxiOS, in-app web views) reports `CPU iPhone OS 17_4`
 * or `CPU OS 17_4` (iPad). iPads in the default "desktop" mode report a Mac and get false: we cannot tell
 * them from a Mac, and a Mac cannot use the link. Safari 26 freezes the reported OS at 18_6, still ≥ 17.4.
 */
export function supportsIosOneTap(userAgent: string | null | undefined): boolean {
  if (!userAgent) return false;
  const match = /\((?:iPhone|iPad|iPod)[^)]*?\bCPU (?:iPhone )?OS (\d+)_(\d+)/.exec(userAgent);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 17 || (major === 17 && minor >= 4);
}

/** True for Android browsers, where Google's provisioning link is worth offering first. */
export function isAndroid(userAgent: string | null | undefined): boolean {
  return Boolean(userAgent && /\bAndroid\b/.test(userAgent));
}
