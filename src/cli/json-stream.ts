import type { Sink } from "./sink";

// What JSON.stringify leaves raw but a terminal acts on or a reader cannot see (DEL and C1 controls,
// line separators, direction overrides, non-characters): written as \u escapes, the same string to a parser.
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
const escapeUnsafe = (json: string): string => json.replace(RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const indent = (json: string, by: string): string => escapeUnsafe(json).replace(/\n/g, "\n" + by);

/**
 * Writes `{"files": [...], …}` one file at a time, byte for byte what JSON.stringify(…, null, 2)
 * gives for the whole object (the format callers already parse), without holding every file.
 */
export class JsonFilesWriter {
  private count = 0;

  constructor(private readonly out: Sink) {}

  file(result: object): Promise<void> {
    const head = this.count++ === 0 ? '{\n  "files": [\n    ' : ",\n    ";
    return this.out.write(head + indent(JSON.stringify(result, null, 2), "    "));
  }

  /** Closes the list and adds the other top-level keys (undefined values are left out, as JSON.stringify does). */
  end(rest: Record<string, unknown>): Promise<void> {
    let text = this.count === 0 ? '{\n  "files": []' : "\n  ]";
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined) continue;
      text += `,\n  ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), "  ")}`;
    }
    return this.out.write(text + "\n}\n");
  }
}
