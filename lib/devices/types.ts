// Pure data: safe to import from client components.

export type DeviceKind = "phone" | "tablet" | "watch" | "laptop";

export type DeviceText =
  | "iphoneChina"
  | "iphoneHkMacao"
  | "samsungChina"
  | "samsungUsEarly"
  | "pixel3Market"
  | "pixel3Carrier"
  | "pixel3aMarket"
  | "wifiOnly"
  | "cellularOnly"
  | "watch"
  | "usNoTray"
  | "noTray"
  | "byCountry";

export interface VariantWithoutEsim {
  label: DeviceText;
  /** Lower case, as typed in a search ("china", "verizon"). */
  keywords?: string[];
  /** Endings after a device's code, lower case: "0" makes "SM-S9110" the Chinese S23. */
  codeSuffixes?: string[];
}

export interface Device {
  id: string;
  brand: string;
  model: string;
  kind: DeviceKind;
  aliases?: string[];
  /** Model-number stems without the region suffix, lower case and unpunctuated ("sms911" for SM-S911B/U/W/0). */
  codes?: string[];
  /** false for a watch: its eSIM only shares the paired phone's carrier plan. */
  travelEsim: boolean;
  withoutEsim?: VariantWithoutEsim[];
  notes?: DeviceText[];
}
