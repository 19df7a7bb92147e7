import { describe, expect, it } from "vitest";
import { Circuit, CircuitOpenError } from "./circuit";

function setup(failureThreshold = 3, openMs = 10_000) {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const circuit = new Circuit("esim-go", { failureThreshold, openMs, now: () => now });
  const fail = () =>
    circuit.run(
      () => Promise.reject(new Error("503")),
      () => true,
    );
  const ok = () =>
    circuit.run(
      () => Promise.resolve("ok"),
      () => true,
    );
  return { circuit, clock, fail, ok };
}

describe("provider circuit", () => {
  it("opens after repeated failures and then fails fast without calling the provider", async () => {
    const { circuit, fail } = setup(3);
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toThrow("503");
    expect(circuit.snapshot().state).toBe("open");
    let called = 0;
    await expect(
      circuit.run(
        async () => called++,
        () => true,
      ),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(0);
  });

  it("a success in between resets the count: intermittent errors never open it", async () => {
    const { circuit, fail, ok } = setup(3);
    for (let i = 0; i < 10; i++) {
      await expect(fail()).rejects.toThrow();
      await expect(fail()).rejects.toThrow();
      await ok();
    }
    expect(circuit.snapshot().state).toBe("closed");
  });

  it("errors that are about our request (4xx) do not count against the provider", async () => {
    const { circuit } = setup(2);
    for (let i = 0; i < 5; i++)
      await expect(
        circuit.run(
          () => Promise.reject(new Error("400")),
          () => false,
        ),
      ).rejects.toThrow("400");
    expect(circuit.snapshot().state).toBe("closed");
  });

  it("after the open period lets exactly one probe through; its success closes the circuit", async () => {
    const { circuit, clock, fail } = setup(2, 10_000);
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    clock.advance(9_999);
    expect(() => circuit.admit()).toThrow(CircuitOpenError);
    clock.advance(1);
    expect(circuit.snapshot().state).toBe("half_open");
    let release!: () => void;
    const probe = circuit.run(
      () => new Promise<void>((r) => (release = r)),
      () => true,
    );
    // While the probe is out, a concurrent caller is refused rather than piling on.
    await expect(
      circuit.run(
        async () => "second",
        () => true,
      ),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await probe;
    expect(circuit.snapshot()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("a failed probe opens it again for a full period", async () => {
    const { circuit, clock, fail } = setup(2, 10_000);
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    clock.advance(10_000);
    await expect(fail()).rejects.toThrow("503");
    expect(circuit.snapshot().state).toBe("open");
    clock.advance(5_000);
    const refused = await circuit
      .run(
        async () => 1,
        () => true,
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).retryAfterMs).toBe(5_000);
  });

  it("a neutral answer to a probe (the provider answered) closes it", async () => {
    const { circuit, clock, fail } = setup(1, 1_000);
    await expect(fail()).rejects.toThrow();
    clock.advance(1_000);
    await expect(
      circuit.run(
        () => Promise.reject(new Error("404")),
        () => false,
      ),
    ).rejects.toThrow("404");
    expect(circuit.snapshot().state).toBe("closed");
  });

  it("a probe withdrawn unsent leaves the circuit half open and hands the probe to the next call", async () => {
    const { circuit, clock, fail } = setup(1, 1000);
    await expect(fail()).rejects.toThrow();
    clock.advance(1000);
    const probe = circuit.admit();
    expect(probe).toEqual({ probe: true });
    expect(() => circuit.admit()).toThrow(CircuitOpenError);
    circuit.withdrawn(probe);
    expect(circuit.snapshot().state).toBe("half_open");
    expect(circuit.admit()).toEqual({ probe: true });
  });
});
