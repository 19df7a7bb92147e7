import { describe, expect, it } from "vitest";
import { SERVER_V8_FLAGS, serverNodeFlags } from "./server-memory";

describe("the production server's heap flags", () => {
  it("caps the heap when the operator has not sized it", () => {
    expect(serverNodeFlags("")).toEqual(SERVER_V8_FLAGS);
    expect(serverNodeFlags("--enable-source-maps")).toContain("--max-old-space-size=512");
  });

  it("leaves a heap size the operator set in NODE_OPTIONS to the operator", () => {
    const flags = serverNodeFlags("--max-old-space-size=2048");
    expect(flags.some((f) => f.startsWith("--max-old-space-size"))).toBe(false);
    expect(flags).toContain("--max-semi-space-size=4");
    expect(serverNodeFlags("--max-semi-space-size=16 --max-old-space-size=1024")).toEqual([]);
  });
});
