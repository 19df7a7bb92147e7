// The shop and the eSIM that the email and receipt tests and the render bench write about.
import { androidInstallUrl, appleInstallUrl, buildLpa } from "@/lib/delivery/links";
import type { ShopIdentity } from "@/lib/shop/identity";

export const sampleShop: ShopIdentity = {
  name: "Tern",
  legalName: "Tern Travel Ltd",
  address: "2 Quay Street, Galway, Ireland",
  supportEmail: "help@shop.example",
  jurisdiction: "Ireland",
  vatNumber: "IE1234567T",
  appUrl: "https://shop.example",
};

const lpa = buildLpa("rsp.truphone.com", "JQ-209U6H-6I82J7");

/** The installable part of a delivery email's content. */
export const sampleEsim = {
  iccid: "8943108165005471086",
  lpa,
  smdpAddress: "rsp.truphone.com",
  matchingId: "JQ-209U6H-6I82J7",
  appleInstallUrl: appleInstallUrl(lpa),
  androidInstallUrl: androidInstallUrl(lpa),
};
