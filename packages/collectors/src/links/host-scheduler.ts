/**
 * Politeness towards the sites evidence links point to, per host name:
 * - at most `concurrency` requests in flight (p-limit);
 * - a request is sent at least `delayMs` after the previous request to that host was answered
 *   (status line and headers received) or failed.
 * Anchoring the delay on the previous answer, not on the previous send, means the host itself sees
 * at least `delayMs` between two arrivals whatever the network latency: an answer cannot come before
 * its request arrived. The second slot lets a request go while the previous one's body is still
 * being read (the GET fallback). Requests to one host are sent in the order they were asked for.
 * Every wait goes through the injected clock.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../types';

interface HostState {
  limit: LimitFunction;
  /** Resolves to the time (epoch ms) the most recently sent request was answered or failed. */
  previousAnswer: Promise<number>;
}

/** `task` receives `answered`, to call when the answer's headers arrive (it is called on settling anyway). */
export type ScheduledTask<T> = (answered: () => void) => Promise<T>;

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {}

  /** Runs `task` when `host` has a free slot and the delay since its previous answer has passed. */
  run<T>(host: string, task: ScheduledTask<T>): Promise<T> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { limit: pLimit(this.concurrency), previousAnswer: Promise.resolve(Number.NEGATIVE_INFINITY) };
      this.hosts.set(host, state);
    }
    const slot = state;
    return slot.limit(async () => {
      const previous = slot.previousAnswer;
      let markAnswered: (at: number) => void = () => {};
      slot.previousAnswer = new Promise((resolve) => {
        markAnswered = resolve;
      });
      let marked = false;
      const answered = () => {
        if (marked) return;
        marked = true;
        markAnswered(this.clock.now().getTime());
      };
      try {
        await this.waitUntil((await previous) + this.delayMs);
        return await task(answered);
      } finally {
        answered();
      }
    });
  }

  /** Sleeps until the clock reads `at`; timers may fire a little early, so the clock is read again. */
  private async waitUntil(at: number): Promise<void> {
    for (let now = this.clock.now().getTime(); now < at; now = this.clock.now().getTime()) {
      await this.clock.sleep(at - now, this.signal);
    }
  }
}
