/** The cells a reading has taken for something: every figure inside a table is claimed or reported. */
import type { Pos } from "./form";

export class Claims {
  private readonly cells = new Set<number>();

  add(p: Pos | null | undefined) {
    if (p) this.cells.add(p.row * 16384 + p.col);
  }

  /** Every cell of a rectangle (a header band, a label merged over rows). */
  addArea(top: number, left: number, bottom: number, right: number) {
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.cells.add(r * 16384 + c);
  }

  has(p: Pos): boolean {
    return this.cells.has(p.row * 16384 + p.col);
  }
}
