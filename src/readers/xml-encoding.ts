/**
 * The text of an XML part, in the encoding it is written in. Office writes UTF-8, but XML allows
 * UTF-16 (with a byte-order mark, or told by `<?xml` itself) and any encoding its declaration
 * names; some generators write UTF-16 or GBK parts, which Excel and Word open. Read as UTF-8, such
 * a part would look damaged.
 */

const startsWith = (b: Uint8Array, magic: number[]): boolean => magic.every((x, i) => b[i] === x);

/**
 * The encoding named in an ASCII-compatible XML declaration, lower-cased, or null. Every part of
 * every file passes here: only a part that starts with `<?xml` is looked at, and only up to the
 * declaration's `>`.
 */
function declaredEncoding(b: Uint8Array): string | null {
  // A UTF-8 byte-order mark says UTF-8, whatever the declaration claims.
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return null;
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0d || b[i] === 0x0a)) i++;
  if (!startsWith(b.subarray(i, i + 5), [0x3c, 0x3f, 0x78, 0x6d, 0x6c])) return null;
  let head = "";
  for (let k = i, end = Math.min(b.length, i + 200); k < end && b[k] !== 0x3e; k++) head += String.fromCharCode(b[k]);
  const m = /\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function decoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * A part's text when it is not written in UTF-8 — by its byte-order mark, by how `<?xml` is spelt,
 * or by its declaration — else null: the caller decodes UTF-8 its own (faster) way.
 */
export function nonUtf8Text(b: Uint8Array): string | null {
  // TextDecoder drops the byte-order mark it matches.
  if (startsWith(b, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(b);
  if (startsWith(b, [0xfe, 0xff])) return decoder("utf-16be")?.decode(b) ?? swapDecode(b.subarray(2));
  // No mark, but an XML part starts with `<`: two bytes of it say UTF-16 and its byte order.
  if (startsWith(b, [0x3c, 0x00])) return new TextDecoder("utf-16le").decode(b);
  if (startsWith(b, [0x00, 0x3c])) return decoder("utf-16be")?.decode(b) ?? swapDecode(b);
  const declared = declaredEncoding(b);
  // Only encodings that spell `<?xml` in ASCII can be named here; a part that claims UTF-16 but is
  // not written so (no mark, no two-byte `<`) is read as the UTF-8 it is.
  if (declared && declared !== "utf-8" && declared !== "utf8" && !/^(utf-16|utf-32|ucs-2|ucs-4|unicode)/.test(declared)) {
    const d = decoder(declared);
    if (d && d.encoding !== "utf-8") return d.decode(b);
  }
  return null;
}

/** Decodes a part: by its byte-order mark, else by how `<?xml` is spelt, else by its declaration, else UTF-8. */
export function decodeXmlBytes(b: Uint8Array): string {
  return nonUtf8Text(b) ?? new TextDecoder("utf-8").decode(b);
}

/** UTF-16 big-endian without a decoder for it (small-ICU builds): bytes swapped, read as little-endian. */
function swapDecode(b: Uint8Array): string {
  const swapped = new Uint8Array(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    swapped[i] = b[i + 1];
    swapped[i + 1] = b[i];
  }
  return new TextDecoder("utf-16le").decode(swapped);
}
