/**
 * A table's entry for a key that comes from a cell or an argument. A plain `table[key]` finds
 * Object.prototype's members for `constructor`, `toString` or `__proto__`, which a form may hold.
 */
export function ownEntry<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
