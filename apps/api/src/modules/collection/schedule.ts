/**
 * The scheduled collection (docs/operations.md, "Evidence collection"): with `COLLECT_EVERY` set (a
 * period: `P1M` for monthly, `P3M`, `P1Y`, `30d`, `12h`), a serving API process checks every hour (or
 * every period, when shorter) whether a run is due — no run of every source and project created
 * within the last period, and none unfinished — and if so records one and runs it here
 * (`startScheduledCollection`, then `runCollection`). The period counts from the last full run in the
 * database, so a restart neither skips nor repeats one, and several API processes need no
 * coordination: the check and the insert hold one advisory lock, so one of them starts the run.
 * A run left unfinished by a killed process blocks the schedule (logged as a warning) until
 * `ranking collect --resume ID` finishes it or it is cancelled. Off by default.
 */
import { type AppDeps, createSystemContext } from '../../context';
import { collectorConfigOf } from '../../env';
import { type Period, periodBefore } from '../../lib/duration';
import type { Logger } from '../../lib/logger';
import { runCollection, startScheduledCollection } from './service';

const HOUR_MS = 3_600_000;

export interface CollectionScheduleOptions {
  /** How often to check whether a run is due; default an hour, or the period when shorter. */
  checkEveryMs?: number;
}

/** Starts the schedule; returns its stop function (which waits for a run in progress to end). */
export function startCollectionSchedule(
  deps: AppDeps,
  logger: Logger,
  period: Period,
  options: CollectionScheduleOptions = {},
): () => Promise<void> {
  const checkEveryMs = options.checkEveryMs ?? ('ms' in period ? Math.min(period.ms, HOUR_MS) : HOUR_MS);
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = async () => {
    const ctx = createSystemContext(deps, 'collection schedule');
    try {
      const due = await startScheduledCollection(ctx, periodBefore(deps.now(), period));
      if ('blockedBy' in due) {
        const run = due.blockedBy;
        if (run.status === 'queued' || run.status === 'running')
          logger.warn(
            { runId: run.id, status: run.status },
            'scheduled collection waits for an unfinished run',
          );
        else logger.debug({ runId: run.id }, 'scheduled collection not due');
        return;
      }
      const started = Date.now();
      logger.info({ runId: due.started.id }, 'scheduled collection started');
      const final = await runCollection(ctx, due.started.id, {
        config: collectorConfigOf(deps.env),
        signal: stopping.signal,
      });
      logger.info(
        { runId: final.id, status: final.status, counts: final.counts, ms: Date.now() - started },
        'scheduled collection finished',
      );
    } catch (error) {
      if (stopping.signal.aborted)
        logger.info('scheduled collection stopped with the server; `ranking collect` resumes it');
      else logger.error({ err: error }, 'scheduled collection failed');
    }
  };
  const timer = setInterval(() => {
    if (stopping.signal.aborted || running) return;
    running = tick().finally(() => {
      running = undefined;
    });
  }, checkEveryMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.abort(new Error('the server is stopping'));
    await running;
  };
}
