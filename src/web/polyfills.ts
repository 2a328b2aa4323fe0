/**
 * The few built-ins newer than the page's oldest engine (Chromium 69, scripts/browser-target.js)
 * that the page or its packages call. Each is installed only where missing, before anything else
 * runs (first in the web entry, and first in the worker). test/build/browser-target.test.ts lists
 * which names the bundles use and checks they are here; test/e2e/web-old-engine.test.ts removes
 * the real ones from Chromium and runs the page on these.
 */

type AnyFn = (...args: never[]) => unknown;

function define(target: object, name: string, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// Chrome 71.
// `self` in the page and in the worker alike (no Function("return this"): the policy forbids eval).
const root = self as unknown as Record<string, unknown>;
if (!("globalThis" in root)) root.globalThis = root;
define(root, "queueMicrotask", (cb: () => void) => {
  Promise.resolve()
    .then(cb)
    .catch((e: unknown) =>
      setTimeout(() => {
        throw e;
      }),
    );
});

// Chrome 73.
define(Object, "fromEntries", (entries: Iterable<readonly [PropertyKey, unknown]>) => {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
});
define(String.prototype, "matchAll", function matchAll(this: string, re: RegExp) {
  if (!re.global) throw new TypeError("String.prototype.matchAll called with a non-global RegExp argument");
  const copy = new RegExp(re.source, re.flags);
  const text = String(this);
  const found: RegExpExecArray[] = [];
  for (let m = copy.exec(text); m !== null; m = copy.exec(text)) {
    found.push(m);
    if (m[0] === "") copy.lastIndex++;
  }
  return found[Symbol.iterator]();
});

// Chrome 76.
define(Promise, "allSettled", (items: Iterable<unknown>) =>
  Promise.all(
    Array.from(items, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: "fulfilled", value }),
        (reason: unknown) => ({ status: "rejected", reason }),
      ),
    ),
  ),
);
if (typeof Blob !== "undefined")
  define(Blob.prototype, "arrayBuffer", function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.onerror = () => reject(r.error);
      r.readAsArrayBuffer(this);
    });
  });

// Chrome 84. Fluent UI's focus handling keeps elements through WeakRef. Without one, a strong
// reference: the element is kept as long as the page (and the few it keeps are its own controls).
if (!("WeakRef" in root))
  root.WeakRef = class WeakRefShim<T extends object> {
    constructor(private readonly target: T) {}
    deref(): T {
      return this.target;
    }
  };

// Chrome 85. A string pattern as a global RegExp of itself: `$&` and a replacer function behave as in replace().
define(String.prototype, "replaceAll", function replaceAll(this: string, search: string | RegExp, replacement: string | AnyFn) {
  if (search instanceof RegExp && !search.global) throw new TypeError("replaceAll must be called with a global RegExp");
  const re = search instanceof RegExp ? search : new RegExp(String(search).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
  return String(this).replace(re, replacement as string);
});

// Chrome 92 / 93.
function at(this: ArrayLike<unknown>, index: number) {
  const n = Math.trunc(index) || 0;
  const i = n < 0 ? this.length + n : n;
  return i < 0 || i >= this.length ? undefined : this[i];
}
define(Array.prototype, "at", at);
define(String.prototype, "at", at);
for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]) define(T.prototype, "at", at);
define(Object, "hasOwn", (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k));

export {};
