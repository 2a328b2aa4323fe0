/**
 * The shared string table (xl/sharedStrings.xml): one text per `<si>`, plain `<t>` or rich
 * `<r><t>` runs joined; phonetic guides (`<rPh>`) are not part of the cell's text.
 */
import { scanXml, XmlHandlers } from "./xml-scan";

/**
 * Excel writes characters XML cannot hold as `_xHHHH_`, and a literal `_x…_` with its underscore
 * escaped as `_x005F_`. One left-to-right pass undoes both: `_x005F_x0001_` reads `_x0001_`. The
 * hex digits may be either case (`_x000d_`, as some writers put it); the x must be small:
 * Excel shows `_X0000_` as it is.
 */
export function unescapeOoxml(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Collects the text of `<t>` elements inside an `<si>` or `<is>`, leaving out `<rPh>`. */
export class RunText {
  private parts: string[] = [];
  private inT = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === "t" && this.phonetic === 0) this.inT = true;
    else if (name === "rPh") this.phonetic++;
  }

  close(name: string): void {
    if (name === "t") this.inT = false;
    else if (name === "rPh") this.phonetic--;
  }

  text(s: string): void {
    if (this.inT) this.parts.push(s);
  }

  /** The text so far, unescaped; starts the next one. */
  take(): string {
    const s = unescapeOoxml(this.parts.join(""));
    this.parts = [];
    this.inT = false;
    this.phonetic = 0;
    return s;
  }
}

/** The shared string table: how many texts it has, and each by index. */
export interface SharedStrings {
  readonly count: number;
  get(index: number): string;
}

const WHAT = "共享字符串表 xl/sharedStrings.xml ";

/** Reads each `<si>`'s text from a part, in order; `checked` for a piece already scanned whole. */
function readAll(xml: Uint8Array | string, checked = false): string[] {
  const out: string[] = [];
  const run = new RunText();
  let inSi = false;
  const handlers: XmlHandlers = {
    wantText: () => inSi,
    open(name) {
      // The scanner closes a self-closing `<si/>` too: it reads as an empty text.
      if (name === "si") {
        inSi = true;
        run.take();
      } else if (inSi) run.open(name);
    },
    close(name) {
      if (name === "si" && inSi) {
        out.push(run.take());
        inSi = false;
      } else if (inSi) run.close(name);
    },
    text(s) {
      if (inSi) run.text(s);
    },
  };
  scanXml(xml, WHAT, handlers, false, checked);
  return out;
}

/**
 * The shared string table, its texts decoded when a cell asks for them. A single-form workbook
 * often carries the strings of the whole workbook it was cut from (hundreds of kilobytes of
 * Chinese for a form that uses a hundred of them): the whole part is checked as XML and each
 * `<si>`'s place noted in one pass, and only the texts the sheets use are decoded.
 */
export function readSharedStrings(xml: Uint8Array | string): SharedStrings {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  const byteOffsets = scanXml(
    xml,
    WHAT,
    {
      open(name, _attrs, at) {
        if (name === "si" && depth++ === 0) starts.push(at);
      },
      close(name, end) {
        if (name === "si" && --depth === 0) ends.push(end);
      },
    },
    true,
  );
  if (!byteOffsets || typeof xml === "string") {
    const all = readAll(xml);
    return { count: all.length, get: (i) => all[i] };
  }
  const texts: (string | undefined)[] = new Array(starts.length);
  return {
    count: starts.length,
    get(i) {
      return (texts[i] ??= readAll(xml.subarray(starts[i], ends[i]), true)[0] ?? "");
    },
  };
}
