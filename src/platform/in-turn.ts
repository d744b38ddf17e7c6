/**
 * Work run one piece at a time, in the order it was handed in: each piece starts once the one before it settled,
 * whether that one succeeded or failed (its caller gets its error; the next piece runs all the same).
 */
export class InTurn {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.last.then(work);
    this.last = run.catch(() => undefined);
    return run;
  }
}
