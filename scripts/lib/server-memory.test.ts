import { describe, expect, it } from "vitest";
import { SERVER_V8_FLAGS, serverNodeFlags } from "./server-memory";

describe("the production server's heap flags", () => {
  it("caps the heap when the operator has not sized it", () => {
    expect(serverNodeFlags("")).toEqual(SERVER_V8_FLAGS);
    expect(serverNodeFlags("--enable-source-maps")).toContain("--max-old-space-size=512");
  });

  it("leaves a heap size the operator set in NODE_OPTIONS to the operator", () => {
    expect(serverNodeFlags("--max-old-space-size=2048")).toEqual(["--expose-gc"]);
    expect(serverNodeFlags("--enable-source-maps --max_old_space_size=1024 --expose-gc")).toEqual([]);
  });
});
