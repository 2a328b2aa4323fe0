/**
 * A zip opened with Node's own zlib: the command line's way (the browser uses JSZip through
 * `openZip`). Native inflate is several times faster than JavaScript's, and each part is unpacked
 * only when asked for, once, with its output bounded: a part that claims a small size and unpacks
 * to gigabytes stops at the limit instead of filling the memory.
 */
import * as zlib from "zlib";
import { READ_LIMITS, ReadError } from "./read-error";
import { readZipDirectory } from "./zip-directory";
import { describePackage, ZipPackage } from "./zip-package";

/** Opens a zip from its bytes. Throws ReadError `truncated` when it is damaged, `too-large` when it would unpack too big. */
export async function openZipNative(data: Uint8Array | ArrayBuffer): Promise<ZipPackage> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const entries = readZipDirectory(bytes).filter((e) => !e.name.endsWith("/") && !e.name.endsWith("\\"));
  const limit = READ_LIMITS.unpackedMegabytes * 1024 * 1024;
  if (entries.reduce((s, e) => s + e.size, 0) > limit) throw new ReadError("too-large");
  const byName = new Map(entries.map((e) => [e.name, e]));
  let unpacked = 0;
  const counted = new Set<string>();
  return describePackage({
    names: entries.map((e) => e.name),
    async bytes(stored) {
      const e = byName.get(stored)!;
      if (e.encrypted) throw new ReadError("truncated");
      const packed = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
      let out: Uint8Array;
      if (e.method === 0) out = packed;
      else if (e.method === 8) {
        try {
          out = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, limit - unpacked) });
        } catch (err) {
          // The output limit is a RangeError; anything else is damaged data.
          throw new ReadError((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError ? "too-large" : "truncated");
        }
      } else throw new ReadError("truncated");
      if (!counted.has(stored)) {
        counted.add(stored);
        unpacked += out.length;
      }
      if (unpacked > limit) throw new ReadError("too-large");
      return out;
    },
  });
}
