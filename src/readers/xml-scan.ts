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
import { nonUtf8Text } from "./xml-encoding";
import { ReadError } from "./read-error";

/**
 * The attributes of the tag being read, valid until the next tag. Names and values stay places in
 * the part until asked for: a row's `spans` and `x14ac:dyDescent`, or a rich run's font name,
 * cost nothing unless read.
 */
export class XmlAttributes {
  count = 0;
  /** The scanned text the places refer to, and how a value's place becomes its text. */
  src = "";
  valueOf: (start: number, end: number) => string = () => "";
  readonly nameStart: number[] = [];
  readonly nameEnd: number[] = [];
  readonly valueStart: number[] = [];
  readonly valueEnd: number[] = [];

  name(i: number): string {
    return this.src.slice(this.nameStart[i], this.nameEnd[i]);
  }

  value(i: number): string {
    return this.valueOf(this.valueStart[i], this.valueEnd[i]);
  }

  /** An attribute by its local name, whatever prefix the writer gave it (`r:id` → `id`); xmlns declarations are not attributes. */
  get(local: string): string | undefined {
    const src = this.src;
    const len = local.length;
    for (let i = 0; i < this.count; i++) if (this.nameEnd[i] - this.nameStart[i] === len && src.startsWith(local, this.nameStart[i])) return this.value(i);
    for (let i = 0; i < this.count; i++) {
      const a = this.nameStart[i];
      const e = this.nameEnd[i];
      if (e - a > len && src.charCodeAt(e - len - 1) === 58 && src.startsWith(local, e - len) && !src.startsWith("xmlns", a)) return this.value(i);
    }
    return undefined;
  }
}

export interface XmlHandlers {
  /** `at`: where the tag starts in the part (a byte offset when scanXml says so); `empty` for `<name …/>`. */
  open(name: string, attrs: XmlAttributes, at: number, empty: boolean): void;
  /** `end`: just past the tag that closes the element. */
  close?(name: string, end: number): void;
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

const NON_ASCII = /[\u0080-\u00ff]/;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Parses a part; `what` names it in the Chinese message when it is not well-formed XML. */
/**
 * Parses a part; `what` names it in the Chinese message when it is not well-formed XML. With
 * `byteOffsets`, a UTF-8 part is never decoded whole, so that the positions given to the handlers
 * are offsets in its bytes; the answer says whether they are. `checked`: a piece of a part already
 * scanned whole, whose characters need no second look.
 */
export function scanXml(part: Uint8Array | string, what: string, h: XmlHandlers, byteOffsets = false, checked = false): boolean {
  let s: string;
  // Bytes to re-decode non-ASCII spans from (positions in s are offsets in them); null when s is already text.
  let bytes: Uint8Array | null = null;
  // Where the XML starts: after a UTF-8 byte-order mark.
  let start = 0;
  // Whether s has one character per byte of the part (its positions are byte offsets).
  let oneByte = false;
  let other: string | null = null;
  if (typeof part === "string") s = part;
  // UTF-16, or an encoding the declaration names (GBK): decoded whole first.
  else if ((other = nonUtf8Text(part)) !== null) s = other;
  else {
    start = part.length >= 3 && part[0] === 0xef && part[1] === 0xbb && part[2] === 0xbf ? 3 : 0;
    s = oneByteString(part);
    oneByte = true;
    // A part with many non-ASCII texts (shared strings in Chinese) is decoded whole, once: one call
    // costs less than one per text. Mostly-ASCII parts keep the one-byte string and decode the odd text.
    if (!byteOffsets && NON_ASCII.test(s)) {
      let high = 0;
      for (let k = 0; k < s.length && high < 64; k += 64) if (s.charCodeAt(k) > 127) high++;
      if (high * 64 * 64 >= s.length || part.length < 65536) {
        s = utf8Of(part, start, part.length);
        start = 0;
        oneByte = false;
      } else bytes = part;
    }
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
  if (!checked && CONTROL.test(s)) broken();

  const attrs = new XmlAttributes();
  attrs.src = s;
  attrs.valueOf = (a, b) => textOf(a, b, true);
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
      if (h.close) h.close(localOf(full), close + 1);
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
      const nameEnd = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 61 || nameEnd === nameStart) broken();
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) broken();
      const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) broken();
      // Searched within the value only: a search from here to the next < would cross the whole part for each attribute.
      for (let k = j + 1; k < close; k++) if (s.charCodeAt(k) === 60) broken();
      const k = attrs.count++;
      attrs.nameStart[k] = nameStart;
      attrs.nameEnd[k] = nameEnd;
      attrs.valueStart[k] = j + 1;
      attrs.valueEnd[k] = close;
      j = close + 1;
    }
    const name = localOf(full);
    h.open(name, attrs, lt, selfClosing);
    if (selfClosing) {
      if (h.close) h.close(name, j);
    } else stack.push(full);
    i = j;
  }
  if (stack.length > 0 || roots === 0) broken();
  return oneByte;
}

function localOf(full: string): string {
  const colon = full.indexOf(":");
  return colon < 0 ? full : full.slice(colon + 1);
}
