import * as fs from "fs";
import * as path from "path";

/**
 * `npm ci` needs nothing but Node: no dependency compiles native code or runs an install step
 * that could (keytar, pulled in by office-addin-debugging, compiled against libsecret). Checked
 * twice: over package-lock.json, which is what any machine installs (including packages for
 * other systems), and over the installed node_modules, for what the lockfile cannot show
 * (a binding.gyp makes npm run node-gyp even without an install script).
 */
const ROOT = path.join(__dirname, "..", "..");

/** Install scripts reviewed and known to build nothing; the exact command is pinned. */
const REVIEWED: Record<string, Record<string, string>> = {
  // A thank-you banner (custom-functions-metadata → xregexp → @babel/runtime-corejs3); denied in package.json's allowScripts.
  "core-js-pure": { postinstall: "node -e \"try{require('./postinstall')}catch(e){}\"" },
};

/** Packages whose presence means a native build (or a download of a native binary) at install time. */
const NATIVE_TOOLS = ["node-gyp", "node-gyp-build", "prebuild-install", "node-pre-gyp", "@mapbox/node-pre-gyp", "cmake-js", "bindings", "nan", "node-addon-api", "keytar"];

const nameOf = (key: string): string => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

interface LockEntry {
  version?: string;
  hasInstallScript?: boolean;
  gypfile?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
const entries = Object.entries(lock.packages).filter(([k]) => k !== "");

test("package-lock.json: no package with an install step but the reviewed ones, no native build tool", () => {
  const scripted = entries.filter(([, e]) => e.hasInstallScript || e.gypfile).map(([k]) => nameOf(k));
  expect(scripted.sort()).toEqual(Object.keys(REVIEWED).sort());
  expect(entries.map(([k]) => nameOf(k)).filter((n) => NATIVE_TOOLS.includes(n))).toEqual([]);
  const wants = entries.flatMap(([k, e]) =>
    Object.keys({ ...e.dependencies, ...e.optionalDependencies, ...e.peerDependencies })
      .filter((d) => NATIVE_TOOLS.includes(d))
      .map((d) => `${nameOf(k)} → ${d}`),
  );
  expect(wants).toEqual([]);
});

test("package.json: no office-addin-debugging (keytar), and the reviewed scripts are denied for npm's allowScripts", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies };
  expect(Object.keys(all)).not.toContain("office-addin-debugging");
  expect(pkg.allowScripts).toEqual(Object.fromEntries(Object.keys(REVIEWED).map((n) => [n, false])));
});

/** Every installed package directory under node_modules, nested ones included. */
function installed(dir = path.join(ROOT, "node_modules"), out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (name.startsWith("@")) {
      installed(p, out);
      continue;
    }
    if (fs.existsSync(path.join(p, "package.json"))) out.push(p);
    installed(path.join(p, "node_modules"), out);
  }
  return out;
}

test("node_modules: no binding.gyp, no install script but the reviewed ones", () => {
  const dirs = installed();
  expect(dirs.length).toBeGreaterThan(500);
  const problems: string[] = [];
  for (const d of dirs) {
    const rel = path.relative(ROOT, d);
    if (fs.existsSync(path.join(d, "binding.gyp"))) problems.push(`${rel}: binding.gyp`);
    const pkg = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8"));
    for (const phase of ["preinstall", "install", "postinstall"]) {
      const script = pkg.scripts?.[phase];
      if (script && REVIEWED[pkg.name]?.[phase] !== script) problems.push(`${rel}: ${phase} ${script}`);
    }
  }
  expect(problems).toEqual([]);
});
