// V8 heap sizing for the production server (`next start`), shared by `npm start` and the bench/e2e stacks so
// what is measured is what runs.
//
// The server's live heap is about 100 MB (mostly compiled code and module sources). Left to its defaults on a
// machine with a few GB, V8 lets the old generation grow to 4× the live size before collecting and keeps
// 32 MB of young generation: a paid-order burst left the process at 400–550 MB resident, three quarters of it
// garbage not yet collected. A 512 MB ceiling makes V8 grow the heap by ~1.4× instead, for a few per cent
// more GC time; a 4 MB semi-space halves the young generation's share.
export const SERVER_V8_FLAGS = ["--max-old-space-size=512", "--max-semi-space-size=4"];

/**
 * The flags to put before `next`'s script: ours, except where NODE_OPTIONS already sets the same flag (an
 * operator sizing the heap for a larger machine or a bigger catalogue wins).
 */
export function serverNodeFlags(nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  // V8 reads `--max_old_space_size` as `--max-old-space-size`.
  const set = nodeOptions.replaceAll("_", "-");
  return SERVER_V8_FLAGS.filter((flag) => !set.includes(flag.slice(0, flag.indexOf("="))));
}
