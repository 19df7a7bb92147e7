export function iccidProblem(iccid: string): string | null {
  if (!/^\d+$/.test(iccid)) return "ICCID must be digits only";
  if (iccid.length < 18 || iccid.length > 22) return "ICCID must be 18 to 22 digits";
  if (!iccid.startsWith("89")) return "ICCID must start with 89 (telecom)";
  if (!luhnValid(iccid)) return "ICCID fails the Luhn check";
  return null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,254}$/;

export function smdpProblem(address: string): string | null {
  return HOST.test(address) ? null : "SM-DP+ address must be a host name (e.g. rsp.example.com)";
}

export function codeProblem(code: string): string | null {
  return CODE.test(code) ? null : "activation code must be letters, digits and dashes";
}

/** A code needing a confirmation code cannot be installed from our QR alone, so that form is refused. */
export function parseLpa(lpa: string): { smdpAddress: string; activationCode: string } | { problem: string } {
  const parts = lpa.split("$");
  if (parts.length !== 3 || parts[0] !== "LPA:1")
    return { problem: "LPA must be LPA:1$<SM-DP+ address>$<activation code>" };
  const [, smdpAddress, activationCode] = parts as [string, string, string];
  const problem = smdpProblem(smdpAddress) ?? codeProblem(activationCode);
  return problem ? { problem } : { smdpAddress, activationCode };
}
