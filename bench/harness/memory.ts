/** Samples the process's resident set size while work runs, so a report can say whether memory stayed flat. */
export class RssSampler {
  #peak = 0;
  readonly #timer: NodeJS.Timeout;
  readonly start = process.memoryUsage().rss;

  constructor(intervalMs = 250) {
    this.#peak = this.start;
    this.#timer = setInterval(() => {
      this.#peak = Math.max(this.#peak, process.memoryUsage().rss);
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops sampling; peak and start in MB. */
  stop(): { startMb: number; peakMb: number } {
    clearInterval(this.#timer);
    this.#peak = Math.max(this.#peak, process.memoryUsage().rss);
    const mb = (bytes: number): number => Math.round(bytes / 1_048_576);
    return { startMb: mb(this.start), peakMb: mb(this.#peak) };
  }
}
