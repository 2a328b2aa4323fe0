/**
 * A fast scanner for the XML of a workbook's parts (sheets, shared strings, styles, the workbook
 * and its relationships), in one left-to-right pass with no DOM. The bytes are read as a
 * one-byte-per-character string, so that the markup (all ASCII) is scanned with native string
 * search and every position is a byte offset; only the texts and attribute values that hold other
 * bytes are decoded as UTF-8, from the bytes themselves. A UTF-16 part is decoded whole first.
 *
 * It checks what a reader must not get wrong: tags nest and match, one root, no text outside it,
 * attribute values quoted, only XML's own entities and character references. A DOCTYPE is refused
 * outright: a workbook never needs one, and entity declarations are how a small file expands into
 * gigabytes. Names lose their namespace prefix (`<x:c>` is `c`), as some writers prefix them.
 */
import { ReadError } from "./read-error";

/** The attributes of the tag being read, valid until the next tag. */
export class XmlAttributes {
  names: string[] = [];
  values: string[] = [];
  count = 0;

  /** An attribute by its local name, whatever prefix the writer gave it (`r:id` → `id`). */
  get(local: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === local) return this.values[i];
    for (let i = 0; i < this.count; i++) {
      const n = this.names[i];
      if (n.length > local.length && n.charCodeAt(n.length - local.length - 1) === 58 && n.endsWith(local) && !n.startsWith("xmlns")) return this.values[i];
    }
    return undefined;
  }
}

export interface XmlHandlers {
  open(name: string, attrs: XmlAttributes): void;
  close?(name: string): void;
  text?(text: string): void;
  /** Read before each text: false spares decoding the text between tags no one reads. */
  wantText?: () => boolean;
}

const NodeBuffer = (globalThis as { Buffer?: { isBuffer(x: unknown): boolean } }).Buffer;
const utf8 = new TextDecoder("utf-8");

/** Bytes as one character per byte: Node's latin1, or a one-byte decoder in the browser. */
function oneByteString(b: Uint8Array): string {
  if (NodeBuffer?.isBuffer(b)) return (b as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(0, b.length);
  // windows-1252 (what browsers give for "latin1") also maps every byte to one UTF-16 unit.
  return new TextDecoder("latin1").decode(b);
}

function utf8Of(b: Uint8Array, start: number, end: number): string {
  if (NodeBuffer?.isBuffer(b)) return (b as unknown as { utf8Slice(s: number, e: number): string }).utf8Slice(start, end);
  return utf8.decode(b.subarray(start, end));
}

// The characters XML 1.0 does not allow: finding them is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Parses a part; `what` names it in the Chinese message when it is not well-formed XML. */
export function scanXml(part: Uint8Array | string, what: string, h: XmlHandlers): void {
  let s: string;
  // Bytes to re-decode non-ASCII spans from (positions in s are offsets in them); null when s is already text.
  let bytes: Uint8Array | null = null;
  // Where the XML starts: after a UTF-8 byte-order mark.
  let start = 0;
  if (typeof part === "string") s = part;
  else if (part.length >= 2 && ((part[0] === 0xff && part[1] === 0xfe) || (part[0] === 0x3c && part[1] === 0x00))) s = new TextDecoder("utf-16le").decode(part);
  else if (part.length >= 2 && ((part[0] === 0xfe && part[1] === 0xff) || (part[0] === 0x00 && part[1] === 0x3c))) s = new TextDecoder("utf-16be").decode(part);
  else {
    start = part.length >= 3 && part[0] === 0xef && part[1] === 0xbb && part[2] === 0xbf ? 3 : 0;
    bytes = part;
    s = oneByteString(part);
  }
  if (bytes === null && s.charCodeAt(0) === 0xfeff) start = 1;

  const broken = (why = "的 XML 格式错误"): never => {
    throw new ReadError("corrupt-xlsx", { what: `${what}${why}` });
  };

  /** The text of s[a, b): UTF-8 decoded where it holds more than ASCII, entities and line ends resolved. */
  const textOf = (a: number, b: number, attribute: boolean): string => {
    let t: string | null = null;
    if (bytes !== null) {
      for (let k = a; k < b; k++) {
        if (s.charCodeAt(k) > 127) {
          t = utf8Of(bytes, a, b);
          break;
        }
      }
    }
    if (t === null) t = s.slice(a, b);
    if (t.indexOf("\r") >= 0) t = t.replace(/\r\n?/g, "\n");
    // Attribute values: each white-space character is a space (XML's attribute normalisation).
    if (attribute && /[\t\n]/.test(t)) t = t.replace(/[\t\n]/g, " ");
    return t.indexOf("&") >= 0 ? resolveEntities(t) : t;
  };

  const resolveEntities = (t: string): string => {
    let out = "";
    let i = 0;
    for (;;) {
      const amp = t.indexOf("&", i);
      if (amp < 0) return out + t.slice(i);
      const semi = t.indexOf(";", amp + 1);
      // A reference is short: `&#x10FFFF;` is the longest.
      if (semi < 0 || semi - amp > 10) broken();
      const name = t.slice(amp + 1, semi);
      let ch: string | undefined;
      if (name.charCodeAt(0) === 35) {
        const hex = name.charCodeAt(1) === 120;
        const digits = name.slice(hex ? 2 : 1);
        const code = digits !== "" && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
        if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) broken();
        ch = String.fromCodePoint(code);
      } else ch = ENTITIES[name];
      if (ch === undefined) broken();
      out += t.slice(i, amp) + ch;
      i = semi + 1;
    }
  };

  // XML holds no control characters but tab and line ends (Excel writes others as _xHHHH_).
  if (CONTROL.test(s)) broken();

  const attrs = new XmlAttributes();
  const stack: string[] = [];
  let roots = 0;
  const n = s.length;
  let i = start;
  while (i < n) {
    const lt = s.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      if (stack.length === 0) {
        // Outside the root only white space may stand.
        for (let k = i; k < end; k++) if (!isSpace(s.charCodeAt(k))) broken();
      } else if (h.text && (!h.wantText || h.wantText())) h.text(textOf(i, end, false));
    }
    if (lt < 0) break;
    const c = s.charCodeAt(lt + 1);
    if (c === 63) {
      // <?xml …?> and other processing instructions.
      const close = s.indexOf("?>", lt + 2);
      if (close < 0) broken();
      i = close + 2;
      continue;
    }
    if (c === 33) {
      if (s.startsWith("<!--", lt)) {
        const close = s.indexOf("-->", lt + 4);
        if (close < 0) broken();
        i = close + 3;
        continue;
      }
      if (s.startsWith("<![CDATA[", lt)) {
        const close = s.indexOf("]]>", lt + 9);
        if (close < 0 || stack.length === 0) broken();
        if (h.text && (!h.wantText || h.wantText())) {
          // Character data is taken as it is: no entities in it.
          let t: string | null = null;
          if (bytes !== null) for (let k = lt + 9; k < close && t === null; k++) if (s.charCodeAt(k) > 127) t = utf8Of(bytes, lt + 9, close);
          t ??= s.slice(lt + 9, close);
          h.text(t.indexOf("\r") >= 0 ? t.replace(/\r\n?/g, "\n") : t);
        }
        i = close + 3;
        continue;
      }
      if (/^<!DOCTYPE/i.test(s.slice(lt, lt + 9))) broken("中含有不允许的文档类型声明");
      broken();
    }
    if (c === 47) {
      // </name>
      const close = s.indexOf(">", lt + 2);
      if (close < 0) broken();
      let e = close;
      while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
      const full = s.slice(lt + 2, e);
      if (stack.length === 0 || stack.pop() !== full) broken();
      if (h.close) h.close(localOf(full));
      i = close + 1;
      continue;
    }
    // <name attr="value" …> or <name …/>
    let j = lt + 1;
    while (j < n) {
      const x = s.charCodeAt(j);
      if (isSpace(x) || x === 62 || x === 47) break;
      j++;
    }
    if (j === lt + 1 || j >= n) broken();
    const full = s.slice(lt + 1, j);
    if (stack.length === 0 && roots++ > 0) broken();
    attrs.count = 0;
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) broken();
      const x = s.charCodeAt(j);
      if (x === 62) {
        j++;
        break;
      }
      if (x === 47) {
        if (s.charCodeAt(j + 1) !== 62) broken();
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n) {
        const y = s.charCodeAt(j);
        if (y === 61 || isSpace(y) || y === 62 || y === 47) break;
        j++;
      }
      const attrName = s.slice(nameStart, j);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 61 || attrName === "") broken();
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) broken();
      const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) broken();
      // Searched within the value only: a search from here to the next < would cross the whole part for each attribute.
      if (close > j + 1 && s.slice(j + 1, close).indexOf("<") >= 0) broken();
      attrs.names[attrs.count] = attrName;
      attrs.values[attrs.count] = textOf(j + 1, close, true);
      attrs.count++;
      j = close + 1;
    }
    const name = localOf(full);
    h.open(name, attrs);
    if (selfClosing) {
      if (h.close) h.close(name);
    } else stack.push(full);
    i = j;
  }
  if (stack.length > 0 || roots === 0) broken();
}

function localOf(full: string): string {
  const colon = full.indexOf(":");
  return colon < 0 ? full : full.slice(colon + 1);
}
