/**
 * The shared formulas of one worksheet part: `<f t="shared" si="0" ref="H11:H12">G11*1</f>` in
 * H11, its first cell, and `<f t="shared" si="0"/>` in H12, which holds `G12*1`. Each cell keeps
 * the first cell's text and its own offset (a SharedFormulaCell), not a copy of its own: a
 * 40,000-character formula shared by 20,000 cells is one text, spelled out for a cell only when
 * something reads that cell's formula (formulaText, which moves it with copyFormulaBy).
 */
import type { GridFormula } from "../scoring/grid/grid";

interface Master {
  text: string;
  row: number;
  col: number;
}

export class SharedFormulas {
  private readonly masters = new Map<string, Master>();

  /** The first cell of shared formula `si` (it has the text and the range); returns that cell's formula. */
  define(si: string, text: string, row: number, col: number): GridFormula {
    this.masters.set(si, { text, row, col });
    return `=${text}`;
  }

  /** Another cell of shared formula `si`; null when the file never gave its text (no formula, as Excel reads it). */
  cellOf(si: string, row: number, col: number): GridFormula | null {
    const m = this.masters.get(si);
    if (!m) return null;
    if (m.row === row && m.col === col) return `=${m.text}`;
    return { shared: m.text, rows: row - m.row, cols: col - m.col };
  }
}
