/** What `entryOf` needs of a map: Map and WeakMap both have it. */
interface Keyed<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `map` holds for `key`, made and stored by `make` the first time: the nested caches' one step. */
export function entryOf<K, V>(map: Keyed<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * `entryOf` for a cache that must not grow without bound (a long watch session meets many texts): when it
 * holds `limit` entries it starts over, which is cheaper than tracking ages and rarely reached.
 */
export function boundedEntryOf<K, V>(map: Map<K, V>, key: K, make: () => V, limit: number): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= limit) map.clear();
    map.set(key, value);
  }
  return value;
}
