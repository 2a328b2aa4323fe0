/**
 * Results of a pure function by key, bounded: forms repeat the same texts and figures on
 * every sheet, and a long-lived pane must not grow without end, so the cache starts over
 * when it is full. Cached results are immutable (strings, decimals, frozen-in-use objects).
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit = 20000) {}

  get(key: K, compute: (key: K) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
