import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './errors';

/**
 * Channel calls share the core's one connection. A census commit keeps its transaction open across
 * event-loop turns (so progress reaches the screen and a cancel is heard), and anything else run on the
 * connection meanwhile would land inside that transaction. So the commit runs `alone`: calls under way
 * finish first, new ones wait until it has committed or rolled back (invoke lets jobs.cancel through).
 */
export class CallGate {
  private running = 0;
  private sole: Promise<void> | null = null;
  private drained: (() => void) | null = null;
  private readonly inCall = new AsyncLocalStorage<true>();

  /** Runs one channel call; waits while an `alone` section holds the connection. */
  async call<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.sole) await this.sole;
    this.running++;
    try {
      return await this.inCall.run(true, fn);
    } finally {
      this.running--;
      this.drained?.();
    }
  }

  /** Runs `fn` as the only user of the connection (the call it is made from counts as its own). */
  async alone<T>(busyMessage: string, fn: () => Promise<T>): Promise<T> {
    if (this.sole) throw new AppError('CONFLICT', busyMessage);
    const own = this.inCall.getStore() ? 1 : 0;
    let release!: () => void;
    this.sole = new Promise<void>((r) => (release = r));
    try {
      while (this.running > own) await new Promise<void>((r) => (this.drained = r));
      this.drained = null;
      return await fn();
    } finally {
      this.sole = null;
      release();
    }
  }
}
