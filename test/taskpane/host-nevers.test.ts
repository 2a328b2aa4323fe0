import * as fs from "fs";
import * as path from "path";

/**
 * The nevers of src/taskpane/host/README.md that can be read off the source: the core imports
 * nothing of a host (nor of the pane, the CLI, the readers), and no host reaches the network.
 * The others (Chinese errors, nothing written on failure) are tested host by host.
 */

const SRC = path.join(__dirname, "..", "..", "src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The modules a file imports: `from "…"`, `import("…")`, `require("…")`. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

test("the core (src/scoring) imports only itself and decimal.js: it never learns about a host", () => {
  const core = path.join(SRC, "scoring");
  const outside = sources(core).flatMap((file) =>
    importsOf(file)
      .filter((m) => (m.startsWith(".") ? !path.resolve(path.dirname(file), m).startsWith(core + path.sep) : m !== "decimal.js"))
      .map((m) => `${path.relative(SRC, file)} → ${m}`),
  );
  expect(sources(core).length).toBeGreaterThan(30);
  expect(outside).toEqual([]);
});

test("no host file calls the network", () => {
  const host = path.join(SRC, "taskpane", "host");
  const files = sources(host);
  expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["OfficeHost.ts", "WpsHost.ts", "MemoryHost.ts"]));
  const calls = files.flatMap((file) =>
    (fs.readFileSync(file, "utf8").match(/\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts/g) ?? []).map((m) => `${path.basename(file)}: ${m}`),
  );
  expect(calls).toEqual([]);
});
