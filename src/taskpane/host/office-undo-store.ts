import type { FillRecord } from "./fill-record";
import { fillsFromXml, fillsToXml, UNDO_NAMESPACE } from "./undo-xml";

/** The fills kept in the workbook's custom XML part, and how to write them back in the caller's batch. */
export interface UndoStore {
  fills: FillRecord[];
  /** Queues the new list (not synced: the caller syncs it together with the cell writes). */
  queueWrite(fills: FillRecord[]): void;
}

export async function openUndoStore(context: Excel.RequestContext): Promise<UndoStore> {
  const parts = context.workbook.customXmlParts.getByNamespace(UNDO_NAMESPACE);
  parts.load("items/id");
  await context.sync();
  let fills: FillRecord[] = [];
  const [first, ...extra] = parts.items;
  if (first) {
    const xml = first.getXml();
    await context.sync();
    fills = fillsFromXml(xml.value);
  }
  return {
    fills,
    queueWrite(next: FillRecord[]) {
      // Never leave an empty part behind: an emptied stack removes the part.
      if (next.length === 0) {
        for (const p of parts.items) p.delete();
        return;
      }
      const xml = fillsToXml(next);
      if (first) first.setXml(xml);
      else context.workbook.customXmlParts.add(xml);
      for (const p of extra) p.delete();
    },
  };
}
