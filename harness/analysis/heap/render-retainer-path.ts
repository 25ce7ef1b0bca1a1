/**
 * Renders a shortest retainer path as the property chain a developer would type:
 * `(global) → collectorState → books → Map entry "BTCUSDT" → history → [1234]`.
 * V8 plumbing is folded away (root categories' slot numbers, hidden edges), and a JS Map's backing table
 * (`table` → slot N) becomes one `Map entry` step; with `foldIndices`, `[7]` becomes `[*]`. String contents — Map keys — are data that may be
 * secret, so they are shown only with `showStrings`; property and variable names are shown as names.
 */
import type { ClassIndex } from './class-index.ts';
import { NO_NODE } from './compute-dominators.ts';
import type { HeapSnapshot } from './heap-snapshot.ts';
import type { RetainerTree } from './retainer-tree.ts';

/** Options for rendering paths. */
export interface RenderPathOptions {
  /** Print string contents (Map keys); off by default because snapshots hold process memory. */
  showStrings?: boolean;
  /** Steps kept at most; longer paths keep the first and last ones around an ellipsis. */
  maxSteps?: number;
  /**
   * Show element indices (and numeric property names) as `[*]`: the path then stands for a whole group,
   * like a leak candidate's, whose members sit at different slots of the same array.
   */
  foldIndices?: boolean;
}

const MAX_LABEL_CHARS = 60;
const COLLECTIONS = new Set(['Map', 'Set']);
const INDEX_NAME = /^\d+$/;

function clip(text: string): string {
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…` : text;
}

/** The rendered steps from a GC root down to (not including) `node`; empty when the node is unreachable. */
export function renderRetainerPath(snapshot: HeapSnapshot, classes: ClassIndex, tree: RetainerTree, node: number, options: RenderPathOptions = {}): string[] {
  const maxSteps = options.maxSteps ?? 24;
  const chain: number[] = [];
  for (let at = node; tree.parentNode[at] !== NO_NODE && chain.length < 10_000; at = tree.parentNode[at] as number) chain.push(at);
  if (chain.length === 0 && node !== 0) return [];
  chain.reverse();

  const { element, hidden, internal, shortcut } = snapshot.edgeTypeId;
  const steps: string[] = [];
  for (let i = 0; i < chain.length; i++) {
    const child = chain[i] as number;
    const holder = tree.parentNode[child] as number;
    const edge = tree.parentEdge[child] as number;
    const type = snapshot.edgeType(edge);
    const childType = snapshot.nodeType(child);
    if (holder === 0) {
      // From the root: the user's global object, or a root category such as (GC roots).
      if (type === shortcut) steps.push('(global)');
      else if (snapshot.nodeName(child) !== '(GC roots)') steps.push(snapshot.nodeName(child));
      continue;
    }
    if (childType === snapshot.nodeTypeId.synthetic) {
      steps.push(snapshot.nodeName(child));
      continue;
    }
    const name = snapshot.edgeName(edge);
    const numeric = type === internal && /^\d+$/.test(name);
    const grandHolder = tree.parentNode[holder] as number;
    if (numeric && grandHolder !== NO_NODE && steps.at(-1) === 'table' && COLLECTIONS.has(classes.names[classes.classOf[grandHolder] as number] ?? '')) {
      steps.pop();
      steps.push(collectionEntry(snapshot, classes, holder, Number(name), classes.names[classes.classOf[grandHolder] as number] as string, options));
      continue;
    }
    if (type === element || (type !== hidden && !numeric && INDEX_NAME.test(name))) steps.push(options.foldIndices ? '[*]' : `[${name}]`);
    else if (type === hidden || numeric) continue;
    else steps.push(clip(name));
  }
  if (steps.length <= maxSteps) return steps;
  const head = Math.ceil((maxSteps - 1) / 2);
  return [...steps.slice(0, head), '…', ...steps.slice(steps.length - (maxSteps - 1 - head))];
}

/**
 * Names a slot of a Map or Set backing table. In V8's ordered hash tables an entry is [key, value, chain]
 * (Map) or [key, chain] (Set), and the chain is a small integer that has no edge; so a Map value's slot has
 * a key edge just before it and none just after, while a key has a value edge just after.
 */
function collectionEntry(snapshot: HeapSnapshot, classes: ClassIndex, table: number, slot: number, kind: string, options: RenderPathOptions): string {
  if (kind === 'Set') return 'Set entry';
  let before = -1;
  let after = -1;
  for (let edge = snapshot.firstEdge[table] as number, end = snapshot.firstEdge[table + 1] as number; edge < end; edge += 3) {
    const name = snapshot.edgeName(edge);
    if (name === String(slot - 1)) before = snapshot.edgeTarget(edge);
    else if (name === String(slot + 1)) after = snapshot.edgeTarget(edge);
  }
  if (before >= 0 && after < 0) return `Map entry ${describeKey(snapshot, classes, before, options)}`;
  if (after >= 0 && before < 0) return 'Map key';
  return 'Map entry';
}

function describeKey(snapshot: HeapSnapshot, classes: ClassIndex, key: number, options: RenderPathOptions): string {
  const type = snapshot.nodeTypeName(key);
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
    return options.showStrings ? JSON.stringify(clip(snapshot.nodeName(key))) : '<string>';
  }
  if (type === 'number') return '<number>';
  return `{${classes.names[classes.classOf[key] as number] ?? type}}`;
}
