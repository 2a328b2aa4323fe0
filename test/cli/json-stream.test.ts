import fc from "fast-check";
import { JsonFilesWriter } from "../../src/cli/json-stream";
import type { Sink } from "../../src/cli/sink";

function collect(): Sink & { text: string } {
  const s = { text: "", write: async (t: string) => void (s.text += t) };
  return s;
}

async function streamed(files: object[], rest: Record<string, unknown>): Promise<string> {
  const out = collect();
  const w = new JsonFilesWriter(out);
  for (const f of files) await w.file(f);
  await w.end(rest);
  return out.text;
}

// Callers parse the output as it was: JSON.stringify of the whole object, two-space indent.
const whole = (files: object[], rest: Record<string, unknown>) => JSON.stringify({ files, ...rest }, null, 2) + "\n";

test("file by file gives the same bytes as JSON.stringify of the whole object", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 4 }),
      fc.option(fc.constant(true), { nil: undefined }),
      fc.option(fc.jsonValue(), { nil: undefined }),
      async (files, sample, spotCheck) => {
        expect(await streamed(files, { sample, spotCheck })).toBe(whole(files, { sample, spotCheck }));
      },
    ),
    { numRuns: 200 },
  );
});

test("strings with newlines, quotes and markup stay inside their string", async () => {
  const files = [{ file: "a\nb.xlsx", sheets: [{ message: '"</script>\n\t' }] }, { file: "c", error: "无法读取" }];
  const text = await streamed(files, { sample: true });
  expect(text).toBe(whole(files, { sample: true }));
  expect(JSON.parse(text).files[0].sheets[0].message).toBe('"</script>\n\t');
});

test("no files: an empty list", async () => {
  expect(await streamed([], {})).toBe(whole([], {}));
});
