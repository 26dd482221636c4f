/** An anchor's time range as the platform stores it: media ms, [startMs, endMs), or 0/0. */
interface Timed {
  readonly startMs: number;
  readonly endMs: number;
}

/** True for an anchor shown the whole time: 0/0, as every anchor on an image post is stored. */
export const isWholePost = (a: Timed): boolean => a.startMs === 0 && a.endMs === 0;

/** Anchors a player shows at media time `t` (ms): those whose range holds `t`, and 0/0 ones always. */
export function anchorsShownAt<A extends Timed>(anchors: readonly A[], t: number): A[] {
  return anchors.filter((a) => isWholePost(a) || (t >= a.startMs && t < a.endMs));
}
