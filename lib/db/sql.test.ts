// Which failures mean "the connection went away" (retry on a fresh one) and which are about the query itself.
import { describe, expect, it } from "vitest";
import { isConnectionLost, isUniqueViolation } from "./sql";

describe("isConnectionLost", () => {
  it.each([
    [{ code: "CONNECTION_CLOSED" }],
    [{ code: "57P01" }],
    [{ code: "08006" }],
    [{ message: "Failed query", cause: { code: "57P01" } }],
    [{ cause: { code: "ECONNRESET" } }],
  ])("a dropped connection: %j", (err) => expect(isConnectionLost(err)).toBe(true));

  it.each([[{ code: "23505" }], [{ code: "40001" }], [new Error("boom")], [null], ["text"]])(
    "not a dropped connection: %j",
    (err) => expect(isConnectionLost(err)).toBe(false),
  );

  it("keeps a unique violation a unique violation", () => {
    expect(isUniqueViolation({ cause: { code: "23505" } })).toBe(true);
    expect(isConnectionLost({ cause: { code: "23505" } })).toBe(false);
  });
});
