// A device is listed only when its eSIM support is well documented, with every known variant without eSIM named.
import type { Device, DeviceText, VariantWithoutEsim } from "./types";

const IPHONE_CHINA: VariantWithoutEsim = {
  label: "iphoneChina",
  keywords: ["china", "chinese", "mainland"],
};
// In Hong Kong and Macao most iPhones are dual physical SIM; the mini, SE and XS models are the exception.
const IPHONE_HK_MACAO: VariantWithoutEsim = {
  label: "iphoneHkMacao",
  keywords: ["hong kong", "hongkong", "hk", "macao", "macau"],
};
const IPHONE_ASIA = [IPHONE_CHINA, IPHONE_HK_MACAO];

const SAMSUNG_CHINA: VariantWithoutEsim = {
  label: "samsungChina",
  keywords: ["china", "chinese"],
  codeSuffixes: ["0"],
};
const SAMSUNG_US_EARLY: VariantWithoutEsim = {
  label: "samsungUsEarly",
  keywords: ["us", "usa", "verizon", "at&t", "att", "t-mobile", "tmobile"],
  codeSuffixes: ["u", "u1"],
};

const PIXEL3_LIMITS: VariantWithoutEsim[] = [
  { label: "pixel3Market", keywords: ["australia", "japan", "taiwan"] },
  {
    label: "pixel3Carrier",
    keywords: ["verizon", "at&t", "att", "t-mobile", "tmobile"],
  },
];

const CELLULAR_ONLY: DeviceText[] = ["cellularOnly"];
const WATCH_NOTE: DeviceText[] = ["watch"];

function iphone(
  model: string,
  opts: { aliases?: string[]; asia?: VariantWithoutEsim[]; notes?: DeviceText[] } = {},
): Device {
  return {
    id: `apple-iphone-${slug(model)}`,
    brand: "Apple",
    model: `iPhone ${model}`,
    kind: "phone",
    aliases: opts.aliases?.map((a) => `iPhone ${a}`),
    travelEsim: true,
    withoutEsim: opts.asia ?? IPHONE_ASIA,
    notes: opts.notes,
  };
}

function ipad(model: string, aliases?: string[]): Device {
  return {
    id: `apple-ipad-${slug(model)}`,
    brand: "Apple",
    model: `iPad ${model}`,
    kind: "tablet",
    aliases,
    travelEsim: true,
    withoutEsim: [{ label: "wifiOnly", keywords: ["wifi", "wi-fi"] }],
    notes: CELLULAR_ONLY,
  };
}

function galaxy(
  model: string,
  codes: string[],
  opts: { aliases?: string[]; extra?: VariantWithoutEsim[]; notes?: DeviceText[]; kind?: Device["kind"] } = {},
): Device {
  return {
    id: `samsung-galaxy-${slug(model)}`,
    brand: "Samsung",
    model: `Galaxy ${model}`,
    kind: opts.kind ?? "phone",
    aliases: opts.aliases,
    codes,
    travelEsim: true,
    withoutEsim: [SAMSUNG_CHINA, ...(opts.extra ?? [])],
    notes: opts.notes,
  };
}

function pixel(
  model: string,
  opts: { aliases?: string[]; extra?: VariantWithoutEsim[]; notes?: DeviceText[] } = {},
): Device {
  return {
    id: `google-pixel-${slug(model)}`,
    brand: "Google",
    model: `Pixel ${model}`,
    kind: "phone",
    aliases: opts.aliases?.map((a) => `Pixel ${a}`),
    travelEsim: true,
    withoutEsim: opts.extra,
    notes: opts.notes,
  };
}

function other(
  brand: string,
  model: string,
  opts: { kind?: Device["kind"]; aliases?: string[]; withoutEsim?: VariantWithoutEsim[]; notes?: DeviceText[] } = {},
): Device {
  return {
    id: `${slug(brand)}-${slug(model)}`,
    brand,
    model,
    kind: opts.kind ?? "phone",
    aliases: opts.aliases,
    travelEsim: true,
    withoutEsim: opts.withoutEsim,
    notes: opts.notes,
  };
}

function watch(brand: string, model: string, aliases?: string[]): Device {
  return {
    id: `${slug(brand)}-${slug(model)}`,
    brand,
    model,
    kind: "watch",
    aliases,
    travelEsim: false,
    notes: WATCH_NOTE,
  };
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/\+/g, "-plus")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export const DEVICES: readonly Device[] = [
  iphone("XS", { asia: [IPHONE_CHINA] }),
  iphone("XS Max"),
  iphone("XR"),
  iphone("11"),
  iphone("11 Pro"),
  iphone("11 Pro Max"),
  iphone("SE (2nd generation)", { aliases: ["SE 2020", "SE 2"], asia: [IPHONE_CHINA] }),
  iphone("12 mini", { asia: [IPHONE_CHINA] }),
  iphone("12"),
  iphone("12 Pro"),
  iphone("12 Pro Max"),
  iphone("13 mini", { asia: [IPHONE_CHINA] }),
  iphone("13"),
  iphone("13 Pro"),
  iphone("13 Pro Max"),
  iphone("SE (3rd generation)", { aliases: ["SE 2022", "SE 3"], asia: [IPHONE_CHINA] }),
  iphone("14", { notes: ["usNoTray"] }),
  iphone("14 Plus", { notes: ["usNoTray"] }),
  iphone("14 Pro", { notes: ["usNoTray"] }),
  iphone("14 Pro Max", { notes: ["usNoTray"] }),
  iphone("15", { notes: ["usNoTray"] }),
  iphone("15 Plus", { notes: ["usNoTray"] }),
  iphone("15 Pro", { notes: ["usNoTray"] }),
  iphone("15 Pro Max", { notes: ["usNoTray"] }),
  iphone("16", { notes: ["usNoTray"] }),
  iphone("16 Plus", { notes: ["usNoTray"] }),
  iphone("16 Pro", { notes: ["usNoTray"] }),
  iphone("16 Pro Max", { notes: ["usNoTray"] }),
  iphone("16e"),
  iphone("17"),
  iphone("17 Pro"),
  iphone("17 Pro Max"),
  iphone("Air", { asia: [], notes: ["noTray"] }),

  ipad("Pro 11-inch (1st generation and later)", ["iPad Pro 11"]),
  ipad("Pro 12.9-inch (3rd generation and later)", ["iPad Pro 12.9"]),
  ipad("Pro 13-inch (M4 and later)", ["iPad Pro 13"]),
  ipad("Air (3rd generation and later)", ["iPad Air 3", "iPad Air 4", "iPad Air 5"]),
  ipad("Air 11-inch and 13-inch (M2 and later)", ["iPad Air M2", "iPad Air M3"]),
  ipad("(7th generation and later)", ["iPad 7", "iPad 8", "iPad 9", "iPad 10", "iPad A16"]),
  ipad("mini (5th generation and later)", ["iPad mini 5", "iPad mini 6", "iPad mini A17 Pro"]),

  galaxy("S20", ["smg980", "smg981"], { extra: [SAMSUNG_US_EARLY] }),
  galaxy("S20+", ["smg985", "smg986"], { aliases: ["S20 Plus"], extra: [SAMSUNG_US_EARLY] }),
  galaxy("S20 Ultra", ["smg988"], { extra: [SAMSUNG_US_EARLY] }),
  galaxy("S21", ["smg991"], { extra: [SAMSUNG_US_EARLY] }),
  galaxy("S21+", ["smg996"], { aliases: ["S21 Plus"], extra: [SAMSUNG_US_EARLY] }),
  galaxy("S21 Ultra", ["smg998"], { extra: [SAMSUNG_US_EARLY] }),
  galaxy("S21 FE", ["smg990"], { extra: [SAMSUNG_US_EARLY] }),
  galaxy("S22", ["sms901"]),
  galaxy("S22+", ["sms906"], { aliases: ["S22 Plus"] }),
  galaxy("S22 Ultra", ["sms908"]),
  galaxy("S23", ["sms911"]),
  galaxy("S23+", ["sms916"], { aliases: ["S23 Plus"] }),
  galaxy("S23 Ultra", ["sms918"]),
  galaxy("S23 FE", ["sms711"]),
  galaxy("S24", ["sms921"]),
  galaxy("S24+", ["sms926"], { aliases: ["S24 Plus"] }),
  galaxy("S24 Ultra", ["sms928"]),
  galaxy("S24 FE", ["sms721"]),
  galaxy("S25", ["sms931"]),
  galaxy("S25+", ["sms936"], { aliases: ["S25 Plus"] }),
  galaxy("S25 Ultra", ["sms938"]),
  galaxy("Z Fold2", ["smf916"], { aliases: ["Fold 2"] }),
  galaxy("Z Flip", ["smf700"], { aliases: ["Flip 1"] }),
  galaxy("Z Flip 5G", ["smf707"]),
  galaxy("Z Fold3", ["smf926"], { aliases: ["Fold 3"] }),
  galaxy("Z Flip3", ["smf711"], { aliases: ["Flip 3"] }),
  galaxy("Z Fold4", ["smf936"], { aliases: ["Fold 4"] }),
  galaxy("Z Flip4", ["smf721"], { aliases: ["Flip 4"] }),
  galaxy("Z Fold5", ["smf946"], { aliases: ["Fold 5"] }),
  galaxy("Z Flip5", ["smf731"], { aliases: ["Flip 5"] }),
  galaxy("Z Fold6", ["smf956"], { aliases: ["Fold 6"] }),
  galaxy("Z Flip6", ["smf741"], { aliases: ["Flip 6"] }),
  galaxy("Note20", ["smn980", "smn981"], { aliases: ["Note 20"], extra: [SAMSUNG_US_EARLY] }),
  galaxy("Note20 Ultra", ["smn985", "smn986"], { aliases: ["Note 20 Ultra"], extra: [SAMSUNG_US_EARLY] }),
  galaxy("A54 5G", ["sma546"], {
    aliases: ["A54"],
    notes: ["byCountry"],
  }),
  galaxy("A55 5G", ["sma556"], {
    aliases: ["A55"],
    notes: ["byCountry"],
  }),

  pixel("3", { extra: PIXEL3_LIMITS }),
  pixel("3 XL", { extra: PIXEL3_LIMITS }),
  pixel("3a", { extra: [{ label: "pixel3aMarket", keywords: ["japan", "verizon"] }] }),
  pixel("3a XL", { extra: [{ label: "pixel3aMarket", keywords: ["japan", "verizon"] }] }),
  pixel("4"),
  pixel("4 XL"),
  pixel("4a"),
  pixel("4a (5G)", { aliases: ["4a 5G"] }),
  pixel("5"),
  pixel("5a"),
  pixel("6"),
  pixel("6 Pro"),
  pixel("6a"),
  pixel("7"),
  pixel("7 Pro"),
  pixel("7a"),
  pixel("Fold"),
  pixel("8"),
  pixel("8 Pro"),
  pixel("8a"),
  pixel("9"),
  pixel("9 Pro"),
  pixel("9 Pro XL"),
  pixel("9 Pro Fold"),
  pixel("9a"),
  pixel("10"),
  pixel("10 Pro"),
  pixel("10 Pro XL"),
  pixel("10 Pro Fold"),

  other("Motorola", "razr (2019)"),
  other("Motorola", "razr 5G"),
  other("Motorola", "razr 2022"),
  other("Motorola", "razr 40"),
  other("Motorola", "razr 40 ultra", { aliases: ["razr+ 2023"] }),
  other("Motorola", "razr 50"),
  other("Motorola", "razr 50 ultra", { aliases: ["razr+ 2024"] }),
  other("Motorola", "edge 40"),
  other("Motorola", "edge 40 pro"),
  other("Huawei", "P40"),
  other("Huawei", "P40 Pro"),
  other("Huawei", "Mate 40 Pro"),
  other("Oppo", "Find X3 Pro"),
  other("Oppo", "Find X5"),
  other("Oppo", "Find X5 Pro"),
  other("Xiaomi", "12T Pro"),
  other("Xiaomi", "13"),
  other("Xiaomi", "13 Pro"),
  other("Xiaomi", "13T"),
  other("Xiaomi", "13T Pro"),
  other("Xiaomi", "14"),
  other("Xiaomi", "14T"),
  other("Xiaomi", "14T Pro"),
  other("Sony", "Xperia 1 IV"),
  other("Sony", "Xperia 5 IV"),
  other("Sony", "Xperia 10 IV"),
  other("Sony", "Xperia 1 V"),
  other("Sony", "Xperia 5 V"),
  other("Sony", "Xperia 10 V"),
  other("Sony", "Xperia 1 VI"),
  other("Sony", "Xperia 10 VI"),
  other("Fairphone", "4"),
  other("Fairphone", "5"),
  other("Nokia", "X30"),
  other("Nokia", "G60"),
  other("Honor", "Magic4 Pro"),
  other("Honor", "Magic5 Pro"),
  other("OnePlus", "Open"),
  other("Microsoft", "Surface Duo"),
  other("Microsoft", "Surface Duo 2"),

  watch("Apple", "Watch (GPS + Cellular)", ["Apple Watch", "iWatch"]),
  watch("Samsung", "Galaxy Watch (LTE)", ["Galaxy Watch"]),
  watch("Google", "Pixel Watch (LTE)", ["Pixel Watch"]),
];
