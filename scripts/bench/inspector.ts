// A minimal client for a Node process's inspector (started with `--inspect=127.0.0.1:<port>`): send a DevTools
// protocol command and await its result; events go to `onEvent`.
import WebSocket from "ws";

export interface Inspector {
  send: <T>(method: string, params?: Record<string, unknown>) => Promise<T>;
  close: () => void;
}

export async function connectInspector(
  port: number,
  onEvent?: (method: string, params: unknown) => void,
): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  // A heap snapshot arrives in chunks far above ws's default message limit.
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl, { maxPayload: 1 << 30 });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; method?: string; params?: unknown };
    if (msg.method) onEvent?.(msg.method, msg.params);
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  return {
    send: <T>(method: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        const id = ++nextId;
        pending.set(id, (r) => resolve(r as T));
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}
