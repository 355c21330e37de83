/** A one-line progress bar on a terminal; silent when the stream is not a TTY (pipes, CI logs). */
export interface ProgressBar {
  update(done: number, total: number, label: string): void;
  clear(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  return {
    update(done, total, label) {
      const width = 24;
      const fraction = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(fraction * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      const line = `[${bar}] ${Math.round(fraction * 100)}% ${label}`;
      const columns = stream.columns || 80;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write(`\r${' '.repeat((stream.columns || 80) - 1)}\r`);
      shown = false;
    },
  };
}
