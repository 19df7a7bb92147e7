// Appends each request's TCP peer to X-Forwarded-For before Next sees it, for every http.Server in the process.
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

const installed = Symbol.for("tern.peer-address-hook");

export function appendPeer(request: IncomingMessage, socket: Socket | undefined): void {
  const peer = socket?.remoteAddress;
  if (!peer) return;
  const prior = request.headers["x-forwarded-for"];
  const chain = Array.isArray(prior) ? prior.join(", ") : prior;
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}

export function installPeerAddressHook(): void {
  const g = globalThis as { [installed]?: boolean };
  if (g[installed]) return;
  g[installed] = true;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket?: Socket };
    appendPeer(request, socket);
  });
}
