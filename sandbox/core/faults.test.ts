import { describe, expect, it } from "vitest";
import { Faults } from "./faults";

describe("sandbox faults with a probability", () => {
  it("hits about that share of matching requests and stays until cleared", () => {
    const faults = new Faults();
    faults.add({ service: "esim-go", route: "POST /orders", status: 500, probability: 0.2 });
    let hits = 0;
    for (let i = 0; i < 5000; i++) if (faults.take("esim-go", "POST", "/orders", "/orders")) hits++;
    // 1000 expected; ±5 standard deviations (≈ 28 each) keeps this from ever flaking.
    expect(hits).toBeGreaterThan(860);
    expect(hits).toBeLessThan(1140);
    expect(faults.take("esim-go", "GET", "/orders", "/orders")).toBeUndefined();
    expect(faults.active()).toHaveLength(1);
    faults.clear();
    expect(faults.take("esim-go", "POST", "/orders", "/orders")).toBeUndefined();
  });

  it("with times, a probabilistic fault ends after that many hits; a miss falls through to the next fault", () => {
    const faults = new Faults();
    faults.add({ service: "resend", status: 500, probability: 0.5, times: 3 });
    faults.add({ service: "resend", status: 429 });
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 200; i++) statuses.push(faults.take("resend", "POST", "/emails", "/emails")?.status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });
});
