// V8 heap sizing for the production server (`next start`), shared by `npm start` and the bench/e2e stacks so
// what is measured is what runs.
//
// The server's live heap is about 100 MB (mostly compiled code and module sources). Left to its defaults on a
// machine with a few GB, V8 may let the old generation grow to 4× the live size before collecting: after a burst
// of paid orders the process sometimes sat at 400–550 MB resident, most of it garbage not yet collected. A 512 MB
// ceiling makes V8 grow the heap by ~1.4× instead, for more frequent (shorter) full collections. Smaller
// semi-spaces were tried: 10 MB less resident for twice the scavenge time per order, so they stay V8's.
// --expose-gc lets the server collect once when it goes quiet (lib/observability/idle-gc.ts): V8 itself runs no
// full collection in an idle process, and the garbage of the last burst would stay resident.
export const SERVER_V8_FLAGS = ["--max-old-space-size=512", "--expose-gc"];

/**
 * The flags to put before `next`'s script: ours, except where NODE_OPTIONS already sets the same flag (an
 * operator sizing the heap for a larger machine or a bigger catalogue wins).
 */
export function serverNodeFlags(nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  // V8 reads `--max_old_space_size` as `--max-old-space-size`.
  const set = nodeOptions.replaceAll("_", "-");
  return SERVER_V8_FLAGS.filter((flag) => !set.includes(flag.split("=")[0]!));
}
