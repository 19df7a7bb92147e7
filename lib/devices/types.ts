// The shapes of the device list. Pure data: safe to import from client components.

export type DeviceKind = "phone" | "tablet" | "watch" | "laptop";

/** What the list tells a buyer about a device: a key of `store.devices.text` in messages/<locale>/store.json. */
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

/** A version of a device that is sold without eSIM (a market, a carrier, a model-number suffix). */
export interface VariantWithoutEsim {
  /** Shown to the buyer in their language: "Bought in mainland China". */
  label: DeviceText;
  /** Words in a search that point at this variant ("china", "verizon"). Lower case. */
  keywords?: string[];
  /**
   * Model-number endings that identify the variant, matched after a device's model code (Samsung's
   * "SM-S9110" is the S23 "SM-S911" with the Chinese "0" ending). Lower case, no punctuation.
   */
  codeSuffixes?: string[];
}

export interface Device {
  /** Stable, URL-safe; also the React key. */
  id: string;
  brand: string;
  model: string;
  kind: DeviceKind;
  /** Other names people type: "SE 2020", "S23". */
  aliases?: string[];
  /** Model-number stems without the region suffix, lower case and unpunctuated ("sms911" for SM-S911B/U/W/0). */
  codes?: string[];
  /**
   * false when the device has an eSIM but a travel data plan cannot be installed on it (a watch's eSIM only
   * shares the paired phone's own carrier plan).
   */
  travelEsim: boolean;
  withoutEsim?: VariantWithoutEsim[];
  notes?: DeviceText[];
}
