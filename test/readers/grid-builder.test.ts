/**
 * The grid builder every reader shares, given merged areas that overlap — which no reader should
 * pass it, but a file may hold: the cost stays that of the grid, and no cell is under two areas.
 */
import { disjointMerges, GridBuilder, mergeOverlap } from "../../src/readers/grid-builder";

test("10,000 copies of A1:GR10000 over a 25 × 10 form build as one area, in well under a second", () => {
  const b = new GridBuilder();
  for (let r = 0; r < 25; r++) for (let c = 0; c < 10; c++) b.set(r, c, r * 10 + c);
  for (let k = 0; k < 10000; k++) b.merge(0, 0, 9999, 199);
  const start = Date.now();
  const { grid } = b.build("表");
  expect(Date.now() - start).toBeLessThan(1000);
  expect(grid.merges).toEqual(["A1:GR125"]);
  expect(grid.values[0][0]).toBe(0);
  expect(grid.values.flat().filter((v) => v !== null)).toEqual([0]);
});

test("overlapping areas: the first by top row (then as given) is kept, and each dropped one is named with the one it overlaps", () => {
  const m = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  const { kept, dropped } = disjointMerges([m(2, 0, 3, 2), m(0, 0, 0, 4), m(0, 1, 5, 1), m(2, 0, 3, 2), m(6, 0, 6, 1)]);
  expect(kept).toEqual([m(2, 0, 3, 2), m(0, 0, 0, 4), m(6, 0, 6, 1)]);
  expect(dropped).toEqual([
    ["A1:E1", "B1:B6"],
    ["A3:C4", "A3:C4"],
  ]);
  expect(mergeOverlap([m(0, 0, 1, 1), m(1, 1, 2, 2)])).toEqual(["A1:B2", "B2:C3"]);
  expect(mergeOverlap([m(0, 0, 1, 1), m(2, 0, 2, 1)])).toBeNull();
});
