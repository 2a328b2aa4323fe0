/**
 * Real published forms, judged by the shared corpus's own judge.js: test/fixtures/corpus (the
 * shared corpus, copied with its EXPECTED.json) and test/fixtures/real (forms this project
 * transcribed the same way, expectations computed by hand) and test/fixtures/shapes (the shapes
 * of real forms issue 8 describes, figures invented, computed by hand). The command is run as a
 * person runs it; every expectation must hold.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { jxzp, ROOT } from "../cli/cli-process";

const JUDGE = path.join(ROOT, "test", "fixtures", "corpus", "judge.js");

describe.each(["corpus", "real", "shapes"])("test/fixtures/%s", (dir) => {
  const CORPUS = path.join(ROOT, "test", "fixtures", dir);
  const expected: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(CORPUS, "EXPECTED.json"), "utf8"));
  const workbooks = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx"));

  let tmp: string;
  let out: string;
  let json: { files: { file: string; sheets: { sheet: string; kind: string; findings: { severity: string; code: string }[] }[] }[] };
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-corpus-"));
    const r = jxzp("check", "--json", ...workbooks.map((f) => path.join(CORPUS, f)));
    out = path.join(tmp, "out.json");
    fs.writeFileSync(out, r.out);
    json = JSON.parse(r.out);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("every workbook of the corpus has an expectation, and every expectation a workbook", () => {
    expect(workbooks.sort()).toEqual(Object.keys(expected).sort());
    expect(workbooks.length).toBeGreaterThanOrEqual(2);
  });

  test("the corpus's judge finds every form judged right", () => {
    const r = spawnSync(process.execPath, [JUDGE, path.join(CORPUS, "EXPECTED.json"), out], { encoding: "utf8" });
    const last = r.stdout.trim().split("\n").at(-1);
    expect(r.stdout.trim().split("\n").slice(0, -1)).toEqual([]);
    expect(last).toBe(`EXPECTED: ${workbooks.length} of ${workbooks.length} sheets judged right`);
    expect(r.status).toBe(0);
  });

  test("no form of the corpus is unrecognised, and every message is Chinese", () => {
    for (const f of json.files)
      for (const s of f.sheets) {
        expect(s.kind).not.toBe("unknown");
        for (const x of s.findings) expect(x).toMatchObject({ message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      }
  });
});
