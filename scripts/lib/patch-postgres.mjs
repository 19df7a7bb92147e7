// postinstall: mends postgres-js (3.4.x) where a connection closed by the server — a database restart, a
// failover, pg_terminate_backend, a pooler dropping it — could stay broken for good. A write scheduled on a
// connection whose socket is already gone threw an uncatchable TypeError ("reading 'write'"), left its bytes and
// timer behind, and every later write on that connection (its next startup message included) was queued and
// never sent: queries hung. Upstream: porsager/postgres issues #1066, #1154, #1208 (open when this was written).
// Each edit is an exact replacement, applied once; when the package changes shape this says so and stops, so a
// fixed upstream release is noticed rather than patched blindly.
import fs from "node:fs";
import path from "node:path";

// Run by npm from the project's root, where node_modules/postgres is.
const root = path.join(process.cwd(), "node_modules", "postgres");
const MARK = "// tern: mended null socket";
const edits = [
  [
    "    if (q.cancelled)\n      return\n\n    try {\n      q.state = backend",
    `    if (q.cancelled)\n      return\n\n    ${MARK}: a closed connection fails the query at once instead of queueing bytes\n    if (!socket)\n      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))\n\n    try {\n      q.state = backend`,
  ],
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    "  function nextWrite(fn) {\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)",
  ],
  [
    // Behind a transaction-mode pooler nothing may be pipelined (lib/db sets max_pipeline 0); BEGIN must still
    // reserve its connection, which the original order skipped once the pipeline check said no.
    "        && sent.length < max_pipeline\n        && (!q.options.onexecute || q.options.onexecute(connection))",
    "        && (!q.options.onexecute || q.options.onexecute(connection))\n        && sent.length < max_pipeline",
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    // bytes meant for the dead connection must never reach the next one\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  ],
  [
    "    if (initial)\n      return reconnect()\n\n    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    "    // Whatever closed it (an error too), the queries in flight fail, and none stays in the slot the next\n    // connection answers into: a stale one there took the next transaction's answers, which then hung.\n    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n    query = null\n\n    if (initial)\n      return reconnect()\n\n",
  ],
];

// A transaction whose connection closes is rejected, but the queries its callback still had waiting (or sent
// later) were neither run nor failed — the callback hung — or went out on the reconnecting socket, outside the
// transaction. They fail with the close instead.
const transactionEdits = [
  [
    "    let savepoints = 0\n      , connection\n      , prepare = null\n",
    `    let savepoints = 0\n      , connection\n      , prepare = null\n      , closedError = null ${MARK}\n      , onClosed\n    const closing = new Promise((_, reject) => onClosed = reject)\n    closing.catch(() => {})\n`,
  ],
  ["        new Promise((_, reject) => connection.onclose = reject)", "        closing"],
  [
    "        q.catch(e => uncaughtError || (uncaughtError = e))\n        c.queue === full",
    "        q.catch(e => uncaughtError || (uncaughtError = e))\n        if (closedError) return q.reject(closedError)\n        c.queue === full",
  ],
  [
    "      connection = c\n      move(c, reserved)\n",
    "      connection = c\n      // Watched from the moment it is ours: a close before BEGIN's answer is read must fail the transaction too.\n      c.onclose = e => {\n        closedError = e\n        while (queries.length) queries.shift().reject(e)\n        onClosed(e)\n      }\n      move(c, reserved)\n",
  ],
];

let failed = false;
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const targets = ["src", "cjs/src", "cf/src"].flatMap((dir) => [
  [`${dir}/connection.js`, edits],
  [`${dir}/index.js`, transactionEdits],
]);
for (const [file, list] of targets) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) continue;
  let text = fs.readFileSync(full, "utf8");
  const before = text;
  for (const [from, to] of list) {
    // Each edit once: an install patched by an older list of edits gets only the new ones.
    if (text.includes(to)) continue;
    if (!text.includes(from)) {
      console.error(
        `[patch-postgres] ${file}: the code to mend is not there (postgres ${version}: fixed upstream? then remove this script); not patched`,
      );
      failed = true;
      break;
    }
    text = text.replace(from, to);
  }
  if (!failed && text !== before) fs.writeFileSync(full, text);
}
if (failed) process.exitCode = 1;
