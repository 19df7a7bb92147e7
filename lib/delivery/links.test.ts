import { describe, expect, it } from "vitest";
import {
  LpaError,
  androidInstallUrl,
  appleInstallUrl,
  buildLpa,
  isAndroid,
  parseLpa,
  supportsIosOneTap,
} from "./links";

describe("buildLpa", () => {
  it("joins the SM-DP+ address and matching ID in SGP.22 form, trimming both", () => {
    expect(buildLpa("rsp.truphone.com", "JQ-209U6H-6I82J7")).toBe("LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7");
    expect(buildLpa("  smdp.io \n", "\tK2-ABC ")).toBe("LPA:1$smdp.io$K2-ABC");
  });

  it.each([
    ["", "CODE", /SM-DP\+ address is empty/],
    ["   ", "CODE", /SM-DP\+ address is empty/],
    ["smdp.io", "", /matching ID is empty/],
    ["smdp.io$evil", "CODE", /SM-DP\+ address contains "\$"/],
    ["smdp.io", "CO$DE", /matching ID contains "\$"/],
    ["smdp.io", "CO DE", /matching ID contains/],
    ["smdp.io", "CODE\u0000", /matching ID contains/],
  ])("refuses %j / %j", (smdp, code, message) => {
    expect(() => buildLpa(smdp, code)).toThrow(LpaError);
    expect(() => buildLpa(smdp, code)).toThrow(message);
  });
});

describe("parseLpa", () => {
  it("round-trips buildLpa", () => {
    expect(parseLpa(buildLpa("rsp.example.com", "MATCH-1"))).toEqual({
      smdpAddress: "rsp.example.com",
      matchingId: "MATCH-1",
    });
  });

  it("accepts SGP.22's optional OID and confirmation-code fields", () => {
    expect(parseLpa("LPA:1$smdp.io$CODE$1.3.6.1.4.1.31746$1")).toEqual({ smdpAddress: "smdp.io", matchingId: "CODE" });
  });

  it.each([
    "",
    "LPA:1$smdp.io",
    "LPA:2$smdp.io$CODE",
    "smdp.io$CODE",
    "LPA:1$$CODE",
    "LPA:1$smdp.io$",
    "LPA:1$a$b$c$d$e",
  ])("rejects %j", (lpa) => expect(() => parseLpa(lpa)).toThrow(LpaError));
});

describe("install links", () => {
  const lpa = "LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7";

  // Apple's documented form: the code verbatim after carddata=. `$` and `:` are legal in a query string.
  it("Apple: the LPA verbatim as carddata", () => {
    expect(appleInstallUrl(lpa)).toBe(
      "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
    );
  });

  it("Android: the same carddata on Google's host", () => {
    expect(androidInstallUrl(lpa)).toBe(
      "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
    );
  });

  it("the query parses back to the exact LPA", () => {
    expect(new URL(appleInstallUrl(lpa)).searchParams.get("carddata")).toBe(lpa);
    expect(new URL(androidInstallUrl(lpa)).searchParams.get("carddata")).toBe(lpa);
  });

  it("percent-encodes characters that would break the query (&, #, +, %)", () => {
    const odd = "LPA:1$smdp.io$A&B#C+D%E";
    const url = appleInstallUrl(odd);
    expect(url).toBe("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$smdp.io$A%26B%23C%2BD%25E");
    expect(new URL(url).searchParams.get("carddata")).toBe(odd);
  });

  it("refuses something that is not an LPA", () => {
    expect(() => appleInstallUrl("https://evil.example")).toThrow(LpaError);
  });
});

describe("supportsIosOneTap", () => {
  const ua = {
    safari174:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    safari1741:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    safari173:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Mobile/15E148 Safari/604.1",
    safari16:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    safari18:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    // Safari 26 freezes the OS token at 18_6.
    safari26:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1",
    chromeIos:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1",
    instagramIos:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21E219 Instagram 327.0.0.31.89 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 590311116)",
    ipadMobile:
      "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    ipadDesktop:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    android:
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    windows:
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  };

  it.each([
    ["Safari on iOS 17.4", ua.safari174, true],
    ["Safari on iOS 17.4.1", ua.safari1741, true],
    ["Safari on iOS 18.1", ua.safari18, true],
    ["Safari 26 (frozen OS token)", ua.safari26, true],
    ["Chrome on iOS 17.5", ua.chromeIos, true],
    ["Instagram in-app browser on iOS 17.4", ua.instagramIos, true],
    ["Safari on iPadOS 17.4 (mobile site)", ua.ipadMobile, true],
    ["Safari on iOS 17.3.1", ua.safari173, false],
    ["Safari on iOS 16.6", ua.safari16, false],
    ["iPad asking for the desktop site (looks like a Mac)", ua.ipadDesktop, false],
    ["Chrome on Android", ua.android, false],
    ["Chrome on Windows", ua.windows, false],
    ["no user agent", null, false],
    ["empty", "", false],
  ])("%s → %s", (_name, userAgent, expected) => {
    expect(supportsIosOneTap(userAgent)).toBe(expected);
  });

  it("isAndroid tells Android apart", () => {
    expect(isAndroid(ua.android)).toBe(true);
    expect(isAndroid(ua.safari174)).toBe(false);
    expect(isAndroid(undefined)).toBe(false);
  });
});
