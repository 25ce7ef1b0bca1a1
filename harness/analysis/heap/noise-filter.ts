/**
 * Benign noise: nodes that are never reported as leak candidates on their own, as small rules sharing one
 * decision shape and run in order (memlab's habit, without its global config). They still count towards the
 * retained size of whatever object holds them — a leaked Book's backing arrays are part of the Book.
 *
 * The list, in order (also in the README):
 *  1. `synthetic`            — roots and root categories ((GC roots), (Stack roots), …), not heap objects
 *  2. `hidden`               — V8 internals shown as (system): feedback cells, descriptor arrays, oddballs
 *  3. `code`                 — compiled code, bytecode and its metadata, which V8 allocates and flushes itself
 *  4. `object shape`         — hidden classes (maps), created per object layout, not per leak
 *  5. `array`                — internal backing stores ((object elements), (object properties), hash tables);
 *                              they follow the JS object that owns them and are re-allocated whenever it grows
 *  6. `number`               — heap numbers, boxed doubles owned by the objects that hold them
 *  7. `concatenated string`, `sliced string` — views over other strings (ropes, slices), flattened lazily
 *  8. `system / …` objects   — V8 internals typed as objects (Context, Map, AllocationSite, …)
 */
import type { HeapSnapshot } from './heap-snapshot.ts';

/** One filter rule: a stable name and the test that decides it. */
export interface NoiseRule {
  name: string;
  test(snapshot: HeapSnapshot, node: number): boolean;
}

const typeIs =
  (...types: string[]) =>
  (snapshot: HeapSnapshot, node: number): boolean =>
    types.includes(snapshot.nodeTypeName(node));

/** The rules in the order they run. */
export const NOISE_RULES: readonly NoiseRule[] = [
  { name: 'synthetic', test: typeIs('synthetic') },
  { name: 'hidden', test: typeIs('hidden') },
  { name: 'code', test: typeIs('code') },
  { name: 'object-shape', test: typeIs('object shape') },
  { name: 'array', test: typeIs('array') },
  { name: 'number', test: typeIs('number') },
  { name: 'string-view', test: typeIs('concatenated string', 'sliced string') },
  { name: 'system-object', test: (snapshot, node) => snapshot.nodeType(node) === snapshot.nodeTypeId.object && snapshot.nodeName(node).startsWith('system / ') },
];

/**
 * Precomputes the noise decision per node type (and for `system / …` objects per name), so the per-node
 * check in the leak pass is two typed-array reads (no Map: it runs once per node, millions of times).
 * Returns a function answering the first matching rule's name.
 */
export function buildNoiseFilter(snapshot: HeapSnapshot, rules: readonly NoiseRule[] = NOISE_RULES): (node: number) => string | undefined {
  const objectType = snapshot.nodeTypeId.object;
  const nativeType = snapshot.nodeTypeId.native;
  // Decisions coded as 0 = not decided yet, 1 = not noise, 2 + k = rules[k].
  if (rules.length > 250) throw new RangeError(`buildNoiseFilter: at most 250 rules, got ${rules.length}`);
  const byType = new Uint8Array(snapshot.layout.nodeTypes.length + 1);
  const byName = new Uint8Array(snapshot.strings.length * 2);
  const decide = (node: number): number => {
    const index = rules.findIndex((rule) => rule.test(snapshot, node));
    return index < 0 ? 1 : 2 + index;
  };
  return (node) => {
    const type = snapshot.nodeType(node);
    let code: number;
    if (type === objectType || type === nativeType) {
      const key = snapshot.nodeNameIndex(node) * 2 + (type === objectType ? 0 : 1);
      code = byName[key] as number;
      if (code === 0) byName[key] = code = decide(node);
    } else {
      code = byType[type] as number;
      if (code === 0) byType[type] = code = decide(node);
    }
    return code === 1 ? undefined : rules[code - 2]?.name;
  };
}
