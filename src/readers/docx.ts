/**
 * Word reports (.docx): every top-level table as a grid the engine reads, merges included
 * (w:gridSpan, w:vMerge restart/continue, the older w:hMerge), and the body's paragraphs in
 * order with the tables among them, for checking the report's prose against its tables.
 * Text is what Word shows: a cell's paragraphs joined by line breaks, tracked deletions,
 * field codes and text boxes left out.
 */
import { SaxesParser, SaxesTagPlain } from "saxes";
import type { Grid } from "../scoring/grid/grid";
import type { ReportBlock } from "../scoring/prose/report-claims";
import { GRID_LIMITS, GridBuilder } from "./grid-builder";
import { ReadError } from "./read-error";
import type { ZipPackage } from "./zip-package";

/** The body in reading order: paragraphs, and tables by their index in `grids`. */
export type DocBlock = ReportBlock;

export interface DocxDocument {
  grids: Grid[];
  blocks: DocBlock[];
  notes: string[];
}

const W = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/**
 * How much of a Word document is kept. A self-evaluation report has a few tables of a few dozen
 * rows; a 36 KB file can hold three million empty tables, tables nested 160,000 deep, or one cell
 * of five megabytes, and each must cost a bounded time and memory.
 */
export const DOCX_LIMITS = {
  /** Top-level tables with any text, read as grids (empty ones are not grids at all). */
  tables: 200,
  /** Tables inside tables kept as tables this deep; the text of deeper ones joins the cell they sit in. */
  nesting: 8,
  /** The most characters kept of a cell or a paragraph: Excel's limit for a cell. */
  chars: 32767,
  /** Cells kept in the whole document. */
  cells: 200000,
  /** Characters kept in the whole document. */
  text: 10000000,
};

interface CellBuild {
  paragraphs: string[];
  /** Characters in `paragraphs`, line breaks counted. */
  chars: number;
  span: number;
  vMerge: "restart" | "continue" | null;
  hMerge: "restart" | "continue" | null;
}

interface RowBuild {
  before: number;
  cells: CellBuild[];
}

interface TableBuild {
  rows: RowBuild[];
  gridCols: number;
  row: RowBuild | null;
  cell: CellBuild | null;
  /** Its place among the document's top-level tables (1-based), for its name. */
  ordinal: number;
  /** Whether any cell holds text. */
  filled: boolean;
}

/** One open element: its WordprocessingML local name, whether it began a skipped part, the prefixes it declared. */
interface Frame {
  local: string | null;
  skips: boolean;
  declared: string[] | null;
}

/**
 * Element names by namespace, as the document declares them wherever it does: Word and
 * LibreOffice declare every prefix on the root, but a valid document may use a default namespace
 * (`<document xmlns="…/main">`) or declare `w:` on a lower element. Parsing without saxes's own
 * namespace processing is about half again as fast; only elements that declare a prefix cost more.
 */
class Names {
  /** Per prefix ("" for the default namespace), the namespaces bound to it, innermost last. */
  private readonly bound = new Map<string, string[]>();

  /** Binds the element's declarations; returns the prefixes bound, to be released when it closes. */
  declare(tag: SaxesTagPlain): string[] | null {
    let declared: string[] | null = null;
    for (const name in tag.attributes) {
      if (name.charCodeAt(0) !== 120 || !(name === "xmlns" || name.startsWith("xmlns:"))) continue;
      const prefix = name === "xmlns" ? "" : name.slice(6);
      const stack = this.bound.get(prefix) ?? [];
      stack.push(tag.attributes[name]);
      this.bound.set(prefix, stack);
      (declared ??= []).push(prefix);
    }
    return declared;
  }

  release(prefixes: string[]): void {
    for (const p of prefixes) this.bound.get(p)?.pop();
  }

  private namespaceOf(prefix: string): string | undefined {
    const stack = this.bound.get(prefix);
    return stack?.[stack.length - 1];
  }

  /** The local name of a WordprocessingML element, or null for any other. */
  word(name: string): string | null {
    const i = name.indexOf(":");
    const uri = this.namespaceOf(i > 0 ? name.slice(0, i) : "");
    return uri !== undefined && W.has(uri) ? name.slice(i + 1) : null;
  }

  isFallback(name: string): boolean {
    const i = name.indexOf(":");
    return name.slice(i + 1) === "Fallback" && this.namespaceOf(i > 0 ? name.slice(0, i) : "") === MC;
  }

  /** A WordprocessingML attribute; one without a prefix is taken too (it has no namespace, but means the same). */
  attr(tag: SaxesTagPlain, local: string): string | undefined {
    for (const [name, value] of Object.entries(tag.attributes)) {
      const i = name.indexOf(":");
      if (i < 0 ? name === local : name.slice(i + 1) === local && name.slice(0, i) !== "xmlns" && W.has(this.namespaceOf(name.slice(0, i)) ?? "")) return value;
    }
    return undefined;
  }

  intAttr(tag: SaxesTagPlain, max: number): number {
    const n = Number.parseInt(this.attr(tag, "val") ?? "", 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, max) : 0;
  }
}

/** What reading left out, said once each. */
class Dropped {
  readonly notes = new Set<string>();
  tables = 0;
  say(note: string): void {
    this.notes.add(note);
  }
}

/** A table's cells placed on its grid; vertically continued cells join the area above them. */
function tableToGrid(t: TableBuild, name: string): { grid: Grid; note?: string } {
  const b = new GridBuilder();
  interface Area {
    top: number;
    left: number;
    bottom: number;
    right: number;
  }
  const areas: Area[] = [];
  // The area each grid column of the previous row ended in, to continue vertical merges.
  let above = new Map<number, Area>();
  t.rows.forEach((row, r) => {
    const here = new Map<number, Area>();
    let c = row.before;
    let last: Area | null = null;
    for (const cell of row.cells) {
      const span = Math.max(1, cell.span);
      if (cell.hMerge === "continue" && last) {
        last.right = c + span - 1;
        for (let k = c; k < c + span; k++) here.set(k, last);
      } else if (cell.vMerge === "continue" && above.get(c)?.left === c && above.get(c)?.right === c + span - 1) {
        // Continued only where the cell above has the same columns; otherwise Word draws it apart.
        const area = above.get(c)!;
        area.bottom = r;
        for (let k = area.left; k <= area.right; k++) here.set(k, area);
        last = area;
      } else {
        const area = { top: r, left: c, bottom: r, right: c + span - 1 };
        areas.push(area);
        const text = cell.paragraphs.join("\n").replace(/\n+$/, "");
        b.set(r, c, text === "" ? null : text);
        for (let k = c; k < c + span; k++) here.set(k, area);
        last = area;
      }
      c += span;
    }
    above = here;
  });
  for (const a of areas) b.merge(a.top, a.left, a.bottom, a.right);
  return b.build(name);
}

/** A nested table read as lines of text in its cell: cells by tabs, rows by line breaks; at most `limit` characters. */
function nestedTableText(t: TableBuild, limit: number): string[] {
  const lines: string[] = [];
  let left = limit;
  for (const row of t.rows) {
    if (left <= 0) break;
    const line = row.cells.map((c) => c.paragraphs.join(" ")).join("\t").slice(0, left);
    lines.push(line);
    left -= line.length + 1;
  }
  return lines;
}

/** A table's caption: the last short paragraph naming a 表 between it and the previous table. */
function captionOf(paragraphs: string[]): string | null {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const p = paragraphs[i].trim();
    if (!p) continue;
    return p.length <= 60 && /表/.test(p) && !/[。；;：:]$/.test(p) ? p.replace(/\s+/g, " ") : null;
  }
  return null;
}

const TABLE_PARTS = new Set(["tbl", "tr", "tc", "gridCol", "gridBefore", "gridSpan", "vMerge", "hMerge"]);

/** Parses document.xml. Throws ReadError when it is not well-formed XML. */
export function parseDocumentXml(xml: string): DocxDocument {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const names = new Names();
  const dropped = new Dropped();
  const blocks: DocBlock[] = [];
  const built: TableBuild[] = [];
  // Tables open, outermost first; tables nested deeper than DOCX_LIMITS.nesting are not among them.
  const tables: TableBuild[] = [];
  // Tables open beneath the deepest kept one: their structure is ignored, their text joins its cell.
  let flattened = 0;
  let topLevelTables = 0;
  let cells = 0;
  let textLeft = DOCX_LIMITS.text;
  // Paragraphs being read, innermost last; a text box's paragraphs sit inside another's run.
  const paragraphs: string[] = [];
  const frames: Frame[] = [];
  let skip = 0;
  let inText = false;

  const parentIs = (local: string) => frames[frames.length - 2]?.local === local;
  const skipping = (name: string, local: string | null) =>
    local === "txbxContent" || local === "del" || local === "moveFrom" || names.isFallback(name);
  const append = (s: string) => {
    if (skip !== 0 || !paragraphs.length) return;
    const i = paragraphs.length - 1;
    const room = Math.min(DOCX_LIMITS.chars - paragraphs[i].length, textLeft);
    if (s.length > room) dropped.say(room === textLeft ? `文档中的文字超过 ${DOCX_LIMITS.text} 个字符，其余部分未读取。` : `文档中有超过 ${DOCX_LIMITS.chars} 个字符的段落或单元格，超出的部分未读取。`);
    if (room <= 0) return;
    const kept = s.length > room ? s.slice(0, room) : s;
    paragraphs[i] += kept;
    textLeft -= kept.length;
  };
  /** Adds lines to a cell, within its limit. */
  const addToCell = (cell: CellBuild, lines: string[]) => {
    for (const line of lines) {
      const room = DOCX_LIMITS.chars - cell.chars - (cell.paragraphs.length ? 1 : 0);
      if (room < line.length) dropped.say(`文档中有超过 ${DOCX_LIMITS.chars} 个字符的段落或单元格，超出的部分未读取。`);
      if (room <= 0) return;
      const kept = line.length > room ? line.slice(0, room) : line;
      cell.chars += kept.length + (cell.paragraphs.length ? 1 : 0);
      cell.paragraphs.push(kept);
    }
  };

  parser.on("doctype", () => {
    throw new ReadError("corrupt-docx", { what: "正文中含有不允许的文档类型声明" });
  });

  parser.on("opentag", (tag) => {
    const declared = names.declare(tag as SaxesTagPlain);
    const local = names.word(tag.name);
    const frame: Frame = { local, skips: false, declared };
    frames.push(frame);
    // Text boxes float outside the flow; a Fallback repeats its Choice; deleted and moved-away
    // text is not shown.
    if (skip === 0 && skipping(tag.name, local)) frame.skips = true;
    if (local === "tbl" && skip === 0 && tables.length === 0 && flattened === 0) {
      // A top-level table beyond those kept, or beyond the cells kept, is passed over whole.
      topLevelTables++;
      if (built.length >= DOCX_LIMITS.tables || cells >= DOCX_LIMITS.cells) {
        dropped.tables++;
        frame.skips = true;
      }
    }
    if (frame.skips) {
      skip++;
      return;
    }
    if (local === null || skip) return;
    if (flattened > 0 && TABLE_PARTS.has(local)) {
      if (local === "tbl") flattened++;
      return;
    }
    const t = tables[tables.length - 1];
    switch (local) {
      case "p":
        paragraphs.push("");
        break;
      case "t":
        inText = true;
        break;
      case "tab":
        if (parentIs("r")) append("\t");
        break;
      case "br":
      case "cr":
        if (parentIs("r") && names.attr(tag as SaxesTagPlain, "type") !== "page" && names.attr(tag as SaxesTagPlain, "type") !== "column") append("\n");
        break;
      case "noBreakHyphen":
        append("-");
        break;
      case "tbl":
        if (tables.length > DOCX_LIMITS.nesting) flattened = 1;
        else tables.push({ rows: [], gridCols: 0, row: null, cell: null, ordinal: topLevelTables, filled: false });
        break;
      case "gridCol":
        if (t) t.gridCols++;
        break;
      case "tr":
        if (t) t.row = t.rows.length < GRID_LIMITS.rows ? { before: 0, cells: [] } : null;
        if (t && !t.row) dropped.say(`文档中有超过 ${GRID_LIMITS.rows} 行的表格，其余的行未读取。`);
        break;
      case "gridBefore":
        if (t?.row) t.row.before = names.intAttr(tag as SaxesTagPlain, GRID_LIMITS.cols);
        break;
      case "tc":
        if (!t) break;
        if (t.row && cells < DOCX_LIMITS.cells) {
          cells++;
          t.cell = { paragraphs: [], chars: 0, span: 1, vMerge: null, hMerge: null };
        } else {
          if (t.row) dropped.say(`文档中的表格共有超过 ${DOCX_LIMITS.cells} 个单元格，其余的未读取。`);
          t.cell = null;
        }
        break;
      case "gridSpan":
        if (t?.cell) t.cell.span = Math.max(1, names.intAttr(tag as SaxesTagPlain, GRID_LIMITS.cols));
        break;
      case "vMerge":
        if (t?.cell) t.cell.vMerge = names.attr(tag as SaxesTagPlain, "val") === "restart" ? "restart" : "continue";
        break;
      case "hMerge":
        if (t?.cell) t.cell.hMerge = names.attr(tag as SaxesTagPlain, "val") === "restart" ? "restart" : "continue";
        break;
    }
  });

  parser.on("text", (text) => {
    if (inText) append(text);
  });

  parser.on("closetag", () => {
    const frame = frames.pop()!;
    try {
      close(frame);
    } finally {
      if (frame.declared) names.release(frame.declared);
    }
  });

  const close = (frame: Frame) => {
    if (frame.skips) {
      skip--;
      return;
    }
    const local = frame.local;
    if (local === null || skip) return;
    if (flattened > 0 && TABLE_PARTS.has(local)) {
      if (local === "tbl") flattened--;
      return;
    }
    const t = tables[tables.length - 1];
    switch (local) {
      case "t":
        inText = false;
        break;
      case "p": {
        const text = paragraphs.pop() ?? "";
        if (paragraphs.length) break;
        if (t?.cell) {
          addToCell(t.cell, [text]);
          if (text) t.filled = true;
        } else if (!t && text) {
          // Empty paragraphs say nothing: not kept (a document may hold millions).
          blocks.push({ kind: "paragraph", text });
        }
        break;
      }
      case "tc":
        if (t?.row && t.cell) t.row.cells.push(t.cell);
        if (t) t.cell = null;
        break;
      case "tr":
        if (t?.row) t.rows.push(t.row);
        if (t) t.row = null;
        break;
      case "tbl": {
        const done = tables.pop()!;
        const outer = tables[tables.length - 1];
        if (outer?.cell) {
          if (done.filled) {
            addToCell(outer.cell, nestedTableText(done, DOCX_LIMITS.chars));
            outer.filled = true;
          }
        } else if (!outer && done.filled) {
          // A table with no text at all (a layout frame, a blank) is no form and no grid.
          blocks.push({ kind: "table", index: built.length });
          built.push(done);
        }
        break;
      }
    }
  };

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError("corrupt-docx", { what: "正文的 XML 格式错误" });
  }

  const grids: Grid[] = [];
  const notes: string[] = [];
  if (dropped.tables) notes.push(`文档中有文字的表格超过 ${DOCX_LIMITS.tables} 张，只读取了前 ${DOCX_LIMITS.tables} 张，其余 ${dropped.tables} 张未读取。`);
  notes.push(...dropped.notes);
  const used = new Set<string>();
  let since: string[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      since.push(block.text);
      continue;
    }
    const table = built[block.index];
    const caption = captionOf(since);
    const name = caption && !used.has(caption) ? caption : caption ? `${caption}（表${table.ordinal}）` : `表${table.ordinal}`;
    used.add(name);
    const g = tableToGrid(table, name);
    grids.push(g.grid);
    if (g.note) notes.push(g.note);
    since = [];
  }
  return { grids, blocks, notes };
}

/** Reads a .docx already opened as a zip package. */
export async function readDocx(pkg: ZipPackage): Promise<DocxDocument> {
  const main = pkg.main && pkg.main.startsWith("word/") ? pkg.main : "word/document.xml";
  const xml = await pkg.text(main);
  if (xml === null) throw new ReadError("corrupt-docx", { what: `缺少正文 ${main}` });
  return parseDocumentXml(xml);
}
