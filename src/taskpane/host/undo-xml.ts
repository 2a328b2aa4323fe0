import { unescapeXml } from "../../writers/ooxml-text";
import type { FillRecord } from "./fill-record";

/**
 * Fill snapshots live in a custom XML part of the workbook: saved with the file, invisible to the
 * person, untouched by sheet protection or by workbook-structure protection, and written in the
 * same Office.js batch as the fill itself.
 */
export const UNDO_NAMESPACE = "urn:jxzp:fill-undo:1";

/** Older fills beyond this are dropped so the file does not grow without end. */
export const MAX_FILLS = 20;

// Element text only: quotes stay as they are (the record is JSON, full of them).
const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function fillsToXml(fills: FillRecord[]): string {
  const kept = fills.slice(-MAX_FILLS);
  return `<?xml version="1.0" encoding="UTF-8"?><fills xmlns="${UNDO_NAMESPACE}">${escapeXml(JSON.stringify(kept))}</fills>`;
}

function isRecord(x: unknown): x is FillRecord {
  if (typeof x !== "object" || x === null) return false;
  const r = x as FillRecord;
  return typeof r.id === "string" && typeof r.sheet === "string" && Array.isArray(r.cells) && r.cells.every((c) => typeof c?.cell === "string" && typeof c.before === "object" && typeof c.after === "object");
}

/** The fills kept in a part; an unreadable part reads as no fills rather than failing. */
export function fillsFromXml(xml: string | null | undefined): FillRecord[] {
  if (!xml) return [];
  const m = /<fills\b[^>]*>([\s\S]*)<\/fills>/.exec(xml);
  if (!m) return [];
  try {
    const data: unknown = JSON.parse(unescapeXml(m[1]));
    return Array.isArray(data) ? data.filter(isRecord) : [];
  } catch {
    return [];
  }
}
