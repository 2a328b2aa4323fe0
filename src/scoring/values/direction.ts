import { ownEntry } from "../lookup/own-key";
import { squash } from "./text";

/** Which way an indicator counts: more is better, less is better, exactly, or a judgement. */
export type Direction = "positive" | "equal" | "negative" | "qualitative";
/** How a 反向 (negative) indicator is scored: as a ratio, or by its deviation (profile `deviation`). */
export type NegativeMode = "ratio" | "deviation";

/** How a 方向 cell or argument names a direction: 正向 / 反向 / 定性 (and the English ids). */
const DIRECTIONS: Record<string, Direction> = {
  正向: "positive",
  正向指标: "positive",
  反向: "negative",
  反向指标: "negative",
  定性: "qualitative",
  定性指标: "qualitative",
  positive: "positive",
  negative: "negative",
  qualitative: "qualitative",
};

export const DIRECTION_CHOICES = "正向 / 反向 / 定性";

/** The direction a text names, or null when it names none. */
export function readDirection(s: string): Direction | null {
  return ownEntry(DIRECTIONS, squash(s).toLowerCase()) ?? null;
}
