/**
 * What the browser tests share: one development build of the pages (reused across test files
 * while the sources are unchanged), a tiny static server on 127.0.0.1 at a random port, and
 * Debian's Chromium driven by playwright-core. The build goes to a temporary directory, not to
 * dist/: the project's webpack config cleans its output, and others may be using dist/ meanwhile.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A stamp of everything the build reads: file names, sizes and modification times. */
export function sourceStamp(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        h.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  // test/wps: the fake WPS page is part of the development build.
  for (const d of ["src", "scripts", "assets", "test/wps"]) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  for (const f of ["webpack.config.js", "webpack.web.js", "manifest.xml", "package.json", "tsconfig.json"]) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) h.update(`${f}:${fs.statSync(p).size}:${fs.statSync(p).mtimeMs}\n`);
  }
  return h.digest("hex").slice(0, 16);
}

async function runWebpack(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<import("webpack").Configuration>;
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const config = await makeConfig({}, { mode: "development" });
    config.output = { ...config.output, path: outDir };
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err, stats) => {
        if (err) return reject(err);
        if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
        resolve();
      }),
    );
  } finally {
    process.chdir(cwd);
  }
}

/** Removes builds of earlier source states not used for an hour (a run elsewhere may still use a recent one). */
function pruneOldBuilds(prefix: string, keep: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const p = path.join(os.tmpdir(), name);
    if (!new RegExp(`^${prefix}-[0-9a-f]{16}$`).test(name) || p === keep) continue;
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 3600000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/**
 * The web page's production build (webpack.web.js): one HTML file, and the worker beside it in
 * .web-worker/. In a child process, as `npm run build` runs it: webpack's minimizer loads modules
 * in ways a test runner's module system does not take.
 */
async function runWebBuild(outDir: string): Promise<void> {
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const args = [cli, "--config", "webpack.web.js", "--mode", "production", "--env", `outDir=${outDir}`];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`网页版构建失败（${code}）：\n${log.slice(-4000)}`))));
  });
}

/** The web page (dist/绩效自评助手.html as `npm run build` makes it), built once per source state. */
export async function buildWebPage(): Promise<string> {
  const dir = await buildOnce("jxzp-web", runWebBuild);
  return path.join(dir, "绩效自评助手.html");
}

/** Builds the pages once per source state; concurrent test files wait for the one build. */
export async function buildPages(): Promise<string> {
  return buildOnce("jxzp-e2e", runWebpack);
}

async function buildOnce(prefix: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(os.tmpdir(), `${prefix}-${sourceStamp()}`);
  const done = path.join(dir, ".built");
  const lock = `${dir}.lock`;
  if (fs.existsSync(done)) return dir;
  // A lock left by a run that was killed mid-build.
  if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 15 * 60000) fs.rmSync(lock, { recursive: true, force: true });
  let mine = false;
  try {
    fs.mkdirSync(lock);
    mine = true;
  } catch {
    // Another test file is building: wait for it.
  }
  if (mine) {
    try {
      await build(dir);
      fs.writeFileSync(done, new Date().toISOString());
      pruneOldBuilds(prefix, dir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
    return dir;
  }
  // The web page takes minutes to build on a busy two-core machine.
  const until = Date.now() + 900000;
  while (!fs.existsSync(done)) {
    if (!fs.existsSync(lock)) return buildOnce(prefix, build);
    if (Date.now() > until) throw new Error("等待构建超时");
    await new Promise((r) => setTimeout(r, 500));
  }
  return dir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
};

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/** Serves a directory on 127.0.0.1 at a port the system picks. */
export async function serve(dir: string): Promise<Served> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Where a test puts a screenshot: docs/ (the README's pictures) when JXZP_UPDATE_DOCS=1, else a
 * temporary folder, so that a test run never changes the repository (pixels differ run to run).
 */
export function screenshotPath(name: string): string {
  if (process.env.JXZP_UPDATE_DOCS === "1") return path.join(ROOT, "docs", name);
  const dir = path.join(os.tmpdir(), "jxzp-screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * For one test file: the add-in's pages built and served on localhost, and Chromium open, before
 * its tests; both closed after them. Read `browser` and `origin` inside the tests.
 */
export function pagesInBrowser(): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser;
  let server: Served;
  beforeAll(async () => {
    const dir = await buildPages();
    server = await serve(dir);
    browser = await launch();
  }, 300000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser;
    },
    get origin() {
      return server.origin;
    },
  };
}

/**
 * For one test file: the web page built (its file, opened from file://) and Chromium open before
 * its tests, closed after them. Read `browser` and `file` inside the tests.
 */
export function webPageInBrowser(): { readonly browser: Browser; readonly file: string } {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    file = await buildWebPage();
    browser = await launch();
  }, 1200000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return browser;
    },
    get file() {
      return file;
    },
  };
}
