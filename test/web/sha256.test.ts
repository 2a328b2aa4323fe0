import { createHash } from "node:crypto";
import fc from "fast-check";
import { sha256Base64 } from "../../src/cli/sha256";

test("the report's own SHA-256 agrees with Node's on any text, CJK and astral characters included", () => {
  for (const t of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "绩效自评复核报告 😀", "x".repeat(100000)])
    expect(sha256Base64(t)).toBe(createHash("sha256").update(t, "utf8").digest("base64"));
  fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (t) => sha256Base64(t) === createHash("sha256").update(t, "utf8").digest("base64")));
});
