/**
 * Helpers for WCF dictionaries, which the codec represents like any other array: a list of
 * `{ Key, Value }` item objects (wire order and duplicates preserved). These convert to and
 * from the usual JS shapes.
 */

/** An item of a WCF dictionary as generated (both members usually optional/nillable). */
export interface DictionaryItem<K = unknown, V = unknown> {
  readonly Key?: K | null;
  readonly Value?: V;
}

/** Dictionary items → plain record (items without a key are skipped; later duplicates win). */
export function dictionaryToRecord<E extends DictionaryItem<string>>(
  entries: readonly E[] | null | undefined,
): Record<string, E["Value"]> {
  const pairs: [string, E["Value"]][] = [];
  for (const e of entries ?? []) {
    if (e.Key !== undefined && e.Key !== null) pairs.push([e.Key, e.Value]);
  }
  // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(pairs) as Record<string, E["Value"]>;
}

/** Plain record → dictionary items (in the record's key order). */
export function recordToDictionary<V>(record: Readonly<Record<string, V>>): { Key: string; Value: V }[] {
  return Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}

/** Dictionary items → Map (items without a key are skipped; later duplicates win). */
export function dictionaryToMap<E extends DictionaryItem>(
  entries: readonly E[] | null | undefined,
): Map<NonNullable<E["Key"]>, E["Value"]> {
  const map = new Map<NonNullable<E["Key"]>, E["Value"]>();
  for (const e of entries ?? []) {
    if (e.Key !== undefined && e.Key !== null) map.set(e.Key as NonNullable<E["Key"]>, e.Value);
  }
  return map;
}

/** Map → dictionary items (in insertion order). */
export function mapToDictionary<K, V>(map: ReadonlyMap<K, V>): { Key: K; Value: V }[] {
  const out: { Key: K; Value: V }[] = [];
  for (const [Key, Value] of map) out.push({ Key, Value });
  return out;
}
