/** A one-line progress bar on stderr (a line per 10% when stderr is not a terminal). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; finish(): void } {
  const started = performance.now();
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const render = (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const seconds = (performance.now() - started) / 1000;
    const eta = done > 0 ? (seconds / done) * (total - done) : 0;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${String(Math.floor((done / total) * 100)).padStart(3)}%  ${seconds.toFixed(1)} s${done < total && done > 0 ? `, about ${Math.ceil(eta)} s to go` : ''}`;
  };
  return {
    update(done, total) {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${render(done, total)}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${render(done, total)}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
