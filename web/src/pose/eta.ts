// The time an extraction has left, for the video page: the same rule as
// the progress bar of `stretchwise extract` (cmd/stretchwise, etaEstimator),
// checked on the same runs recorded on a real machine
// (cmd/stretchwise/testdata/progress).

/**
 * TimeLeft estimates the seconds an extraction has left from when its
 * frames were done: the mean time per frame since the first frame (loading
 * the video and the model come before it) times the frames left. On the
 * recorded runs this did better than the pace of the last seconds, which
 * followed the machine's passing changes of speed.
 */
export class TimeLeft {
  private first: { t: number; done: number } | undefined;
  private last: { t: number; done: number } | undefined;

  /** add notes that done frames were done at t seconds. */
  add(t: number, done: number): void {
    if (done <= 0 || (this.last && this.last.done >= done)) return;
    this.last = { t, done };
    this.first ??= this.last;
  }

  /** left is the seconds left for total frames; undefined until two frames give a pace. */
  left(total: number): number | undefined {
    const f = this.first;
    const l = this.last;
    if (!f || !l || l.done === f.done) return undefined;
    return ((l.t - f.t) / (l.done - f.done)) * Math.max(total - l.done, 0);
  }
}
