/** The cells a reading has taken for something: every figure inside a table is claimed or reported. */
import type { Pos } from "./form";

/** A flag per cell is the fast way for a form's few thousand cells; a huge used range gets a set. */
const FLAG_LIMIT = 4_000_000;

export class Claims {
  private readonly flags: Uint8Array | null;
  private readonly set = new Set<number>();
  private readonly width: number;

  constructor(
    private readonly top: number,
    private readonly left: number,
    bottom: number,
    right: number,
  ) {
    this.width = Math.max(0, right - left + 1);
    const size = this.width * Math.max(0, bottom - top + 1);
    this.flags = size <= FLAG_LIMIT ? new Uint8Array(size) : null;
  }

  private index(row: number, col: number): number {
    const r = row - this.top;
    const c = col - this.left;
    return r < 0 || c < 0 || c >= this.width ? -1 : r * this.width + c;
  }

  add(p: Pos | null | undefined) {
    if (!p) return;
    const i = this.index(p.row, p.col);
    if (i < 0) return;
    if (this.flags) {
      if (i < this.flags.length) this.flags[i] = 1;
    } else this.set.add(i);
  }

  /** Every cell of a rectangle (a header band, a label merged over rows). */
  addArea(top: number, left: number, bottom: number, right: number) {
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.add({ row: r, col: c });
  }

  has(p: Pos): boolean {
    const i = this.index(p.row, p.col);
    if (i < 0) return false;
    return this.flags ? i < this.flags.length && this.flags[i] === 1 : this.set.has(i);
  }
}
