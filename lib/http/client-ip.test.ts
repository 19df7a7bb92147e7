import { describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { clientIpFrom } from "./client-ip";
import { installPeerAddressHook } from "./peer-address";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("client address", () => {
  it("with no trusted proxy, a client-sent X-Forwarded-For cannot choose the address", () => {
    // What the server sees once the peer hook appended the TCP peer.
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientIpFrom(h("203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("behind one proxy, takes the address that proxy appended, not what the client wrote before it", () => {
    expect(clientIpFrom(h("6.6.6.6, 198.51.100.7, 10.0.0.2"), 1)).toBe("198.51.100.7");
    expect(clientIpFrom(h("198.51.100.7, 10.0.0.2"), 1)).toBe("198.51.100.7");
  });

  it("normalises IPv4-mapped and bracketed forms, and refuses what is not an address", () => {
    expect(clientIpFrom(h("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIpFrom(h("[2001:DB8::1]:443"), 0)).toBe("2001:db8::1");
    expect(clientIpFrom(h("198.51.100.7:5555"), 0)).toBe("198.51.100.7");
    expect(clientIpFrom(h("not-an-ip"), 0)).toBeNull();
    expect(clientIpFrom(h(), 0)).toBeNull();
  });

  it("the Node server appends the TCP peer to whatever X-Forwarded-For the client sent", async () => {
    installPeerAddressHook();
    installPeerAddressHook(); // twice is harmless: one entry, not two
    const server = http.createServer((req, res) =>
      res.end(clientIpFrom(new Headers({ "x-forwarded-for": String(req.headers["x-forwarded-for"]) }), 0)),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6" } });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
