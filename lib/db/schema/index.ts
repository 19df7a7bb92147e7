// Money is integer minor units with an ISO 4217 currency column next to it.
export * from "./catalogue";
export * from "./orders";
export * from "./payments";
export * from "./fulfilment";
export * from "./accounts";
export * from "./usage";
export * from "./limits";
export * from "./funding";
export * from "./admin";
export * from "./stock";
export * from "./partners";
export * from "./currency";
export * from "./order-links";
export * from "./receipts";
export * from "./promotions";
