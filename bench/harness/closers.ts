/** Things a benchmark opened, closed in reverse order; a failing close is reported, not thrown. */
export class Closers {
  readonly #closers: (() => Promise<unknown>)[] = [];

  push(closer: () => Promise<unknown>): void {
    this.#closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.#closers.splice(0).reverse()) await closer().catch((error: unknown) => process.stderr.write(`closing: ${String(error)}\n`));
  }
}
