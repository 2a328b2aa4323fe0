import Decimal from "decimal.js";

/** Where the progress line goes: a terminal (stderr), or a stand-in in tests. */
export interface ProgressOut {
  write(text: string): unknown;
}

/** Seconds as a person reads a wait: 45 秒, 3 分 05 秒, 1 小时 02 分. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, "0")} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} 分`;
}

/**
 * One line on a terminal, redrawn in place: files and forms done, forms per second, time left.
 * Redrawn at most every `interval` ms, so a fast batch does not spend its time on the terminal.
 * The caller creates it only for a terminal: piped or --json output gets no progress at all.
 */
export class Progress {
  private files = 0;
  private forms = 0;
  private shown = false;
  private last = -Infinity;
  private readonly start: number;

  constructor(
    private readonly out: ProgressOut,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
    private readonly interval = 200,
  ) {
    this.start = now();
  }

  /** One more file checked, holding `forms` forms. */
  fileDone(forms: number): void {
    this.files++;
    this.forms += forms;
    const t = this.now();
    if (t - this.last < this.interval && this.files < this.total) return;
    this.last = t;
    this.draw(t);
  }

  /** The line as it stands. */
  line(t = this.now()): string {
    const elapsed = (t - this.start) / 1000;
    const parts = [`已校验 ${this.files}/${this.total} 个文件（${this.forms} 张表）`];
    if (elapsed > 0 && this.files > 0) {
      parts.push(`每秒 ${new Decimal(this.forms).div(elapsed).toDecimalPlaces(1).toFixed(1)} 张表`);
      const left = new Decimal(elapsed).div(this.files).times(this.total - this.files).toNumber();
      parts.push(this.files < this.total ? `预计还需 ${duration(left)}` : `用时 ${duration(elapsed)}`);
    }
    return parts.join("，");
  }

  private draw(t: number): void {
    // \r and erase-to-end: the line is rewritten where it stands.
    this.out.write(`\r${this.line(t)}\x1b[K`);
    this.shown = true;
  }

  /** Takes the line off the screen, so that other output can be written from the line's start. */
  hide(): void {
    if (this.shown) this.out.write("\r\x1b[K");
    this.shown = false;
  }

  /** Puts the line back after other output. */
  show(): void {
    if (this.files > 0) this.draw(this.now());
  }

  /** The batch is over: the line goes, the terminal is left as it was. */
  finish(): void {
    this.hide();
  }
}
