import Decimal from "decimal.js";
import fc from "fast-check";
import { clamp, cmp, maxOf, round2 } from "../../src/scoring/values/decimal";

// cmp reads decimal.js's digits directly (to avoid the copy Decimal#cmp makes): it must agree
// with Decimal#cmp everywhere, including signs, zeros, exponents and digit lengths.
const decimalText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 20 })).map(([neg, digits, places]) => {
    const s = digits.toString().padStart(places + 1, "0");
    return `${neg ? "-" : ""}${s.slice(0, s.length - places)}${places ? "." + s.slice(s.length - places) : ""}`;
  }),
  fc.constantFrom("0", "-0", "1", "-1", "0.1", "1e-7", "9999999", "10000000", "1.0000001", "100", "99.99", "Infinity", "-Infinity"),
);

test("cmp agrees with Decimal#cmp", () => {
  fc.assert(
    fc.property(decimalText, decimalText, (a, b) => {
      const x = new Decimal(a);
      const y = new Decimal(b);
      expect(cmp(x, y)).toBe(x.cmp(y));
      expect(cmp(y, x)).toBe(y.cmp(x));
      expect(cmp(x, x)).toBe(0);
    }),
    { numRuns: 3000 },
  );
});

test.each([
  ["1.95", "1.95", 0],
  ["1.95", "1.9500", 0],
  ["2", "1.99", 1],
  ["-2", "-1.99", -1],
  ["0", "-0", 0],
  ["0.01", "0.009999", 1],
  ["10000000", "9999999.99", 1],
])("cmp(%s, %s) = %i", (a, b, expected) => {
  expect(cmp(new Decimal(a), new Decimal(b))).toBe(expected);
});

test("clamp, maxOf and round2 on the bounds", () => {
  const zero = new Decimal(0);
  const w = new Decimal("3.335");
  expect(clamp(new Decimal("-0.5"), zero, w).toString()).toBe("0");
  expect(clamp(new Decimal("3.34"), zero, w).toString()).toBe("3.335");
  expect(clamp(new Decimal("1.2"), zero, w).toString()).toBe("1.2");
  expect(maxOf(new Decimal("-1"), zero).toString()).toBe("0");
  expect(round2(new Decimal("2.345")).toString()).toBe("2.35");
  expect(round2(new Decimal("2.3449999")).toString()).toBe("2.34");
});
