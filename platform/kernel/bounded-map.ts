/**
 * A Map used as a cache bounded by count, oldest first out. Map order is insertion order, so the
 * first key is the one put (or used) longest ago.
 */

/** Sets `key` to `value` as the newest entry, and drops the oldest while there are more than `max`. */
export function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/** Makes `key`'s entry (known to be there with `value`) the newest, as a use of it. */
export function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}
