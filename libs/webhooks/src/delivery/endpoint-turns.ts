/** Gives a turn back; call it once, when the request is over. */
export type Release = () => void;

/**
 * The requests this process has in flight per endpoint: a turn is taken before a request and given
 * back after it, and an endpoint has at most `limit` turns at once. A caller may wait a while for a
 * turn given back by a request to the same endpoint.
 */
export class EndpointTurns {
  /** Start times (ms) of the requests in flight, per endpoint, oldest first. */
  private readonly running = new Map<string, number[]>();
  private readonly waiting = new Map<string, (() => boolean)[]>();

  /** A turn now if the endpoint has fewer than `limit` requests in flight, else null. */
  tryTake(endpoint: string, limit: number): Release | null {
    const starts = this.running.get(endpoint) ?? [];
    if (starts.length >= limit) return null;
    const start = Date.now();
    starts.push(start);
    this.running.set(endpoint, starts);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.giveBack(endpoint, start);
    };
  }

  /** A turn now or as soon as one is given back within `waitMs`; null if none came. */
  take(endpoint: string, limit: number, waitMs: number): Promise<Release | null> {
    const now = this.tryTake(endpoint, limit);
    if (now || waitMs <= 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const queue = this.waiting.get(endpoint) ?? [];
      const leave = () => {
        const left = (this.waiting.get(endpoint) ?? []).filter((waiter) => waiter !== tryNow);
        if (left.length) this.waiting.set(endpoint, left);
        else this.waiting.delete(endpoint);
      };
      const tryNow = () => {
        const turn = this.tryTake(endpoint, limit);
        if (!turn) return false;
        clearTimeout(timer);
        leave();
        resolve(turn);
        return true;
      };
      const timer = setTimeout(() => {
        leave();
        resolve(null);
      }, waitMs);
      queue.push(tryNow);
      this.waiting.set(endpoint, queue);
    });
  }

  /** How long the endpoint's oldest request in flight has been running (0 without one). */
  busyForMs(endpoint: string): number {
    const starts = this.running.get(endpoint);
    return starts?.length ? Date.now() - starts[0] : 0;
  }

  private giveBack(endpoint: string, start: number): void {
    const starts = this.running.get(endpoint) ?? [];
    starts.splice(starts.indexOf(start), 1);
    if (starts.length === 0) this.running.delete(endpoint);
    for (const waiter of [...(this.waiting.get(endpoint) ?? [])]) if (!waiter()) break;
  }
}
