/** Progress for long operator work: a redrawn bar on a terminal, plain lines otherwise. */
export interface Progress {
  /** A step started (plain line on both). */
  step(message: string): void;
  /** `done` of `total` units of the current step. */
  update(done: number, total: number, label?: string): void;
  done(message?: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const isTty = Boolean(stream.isTTY);
  let lastLine = 0;
  let lastPercent = -1;
  let barShown = false;
  const clear = () => {
    if (barShown) stream.write('\r\x1b[2K');
    barShown = false;
  };
  return {
    step(message) {
      clear();
      lastPercent = -1;
      stream.write(`${message}\n`);
    },
    update(done, total, label = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(ratio * 100);
      if (isTty) {
        const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
        const filled = Math.round(ratio * width);
        stream.write(
          `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total} ${label}`,
        );
        barShown = true;
      } else {
        const now = Date.now();
        // Plain lines: at most every 10 % or every 5 s, and at the end.
        if (percent === 100 ? lastPercent !== 100 : percent >= lastPercent + 10 || now - lastLine > 5000) {
          stream.write(`  ${percent}% (${done}/${total})${label ? ` ${label}` : ''}\n`);
          lastPercent = percent;
          lastLine = now;
        }
      }
    },
    done(message) {
      clear();
      if (message) stream.write(`${message}\n`);
    },
  };
}

/** For tests and library callers: reports nothing. */
export const silentProgress: Progress = { step() {}, update() {}, done() {} };
