/**
 * The scheduled link check (docs/operations.md, "Link checks"): with `LINK_CHECK_EVERY` set (a
 * duration: `24h`, `7d`, `P1D`), a serving API process runs `checkEvidenceLinks` for the links not
 * checked within that period, first one period after it starts, then once per period; a run still
 * going when the next is due makes that one wait. Several API processes need no coordination: each
 * run skips the links another process checked within the period, and a link checked twice only adds
 * a row to its history. Off by default (`ranking links check` from cron does the same).
 */
import { type AppDeps, createSystemContext } from '../../context';
import type { Logger } from '../../lib/logger';
import { checkEvidenceLinks } from './service';

/**
 * Starts the schedule; returns its stop function (which waits for a run in progress). The period is
 * `LINK_CHECK_EVERY` (validated by env.ts); tests give a shorter one directly.
 */
export function startLinkCheckSchedule(deps: AppDeps, logger: Logger, periodMs: number): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = async () => {
    const started = Date.now();
    try {
      const summary = await checkEvidenceLinks(createSystemContext(deps, 'link-check schedule'), {
        olderThanMs: periodMs,
      });
      logger.info({ summary, ms: Date.now() - started }, 'scheduled link check finished');
    } catch (error) {
      logger.error({ err: error }, 'scheduled link check failed');
    }
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = run().finally(() => {
      running = undefined;
    });
  }, periodMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
