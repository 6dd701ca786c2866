/**
 * What a mutation will write, decided before anything is written: new nodes,
 * value patches of existing nodes, edges to add and remove. Nodes are named
 * by reference because new nodes get their uids only when inserted, and an
 * update applies to all nodes its filter selects at once.
 */
import type { TypeDef } from '../../model/types.js';
import type { VectorMetric } from '../../model/vectors.js';

export type NodeRef =
  | { readonly kind: 'existing'; readonly uid: bigint }
  | { readonly kind: 'created'; readonly index: number }
  /** Every node an update mutation applies to. */
  | { readonly kind: 'targets' };

export const TARGETS: NodeRef = { kind: 'targets' };

export interface NewNode {
  readonly type: TypeDef;
  /** dgraph.type: the type and its interfaces. */
  readonly types: readonly string[];
  readonly data: Record<string, unknown>;
}

/** Changes to an existing node's values, applied by authline.patch: set, then append, then remove. */
export interface Patch {
  readonly set: Record<string, unknown>;
  /** List predicates: values added unless already present. */
  readonly append: Record<string, unknown[]>;
  /**
   * null: drop the predicate; a value: drop it if it is the value; a list:
   * drop those elements; `{whole: list}`: drop it if it is that list (a vector).
   */
  readonly remove: Record<string, unknown>;
}

export interface Link {
  readonly src: NodeRef;
  readonly predicate: string;
  readonly dst: NodeRef;
}

export interface Unlink {
  readonly src: NodeRef;
  readonly predicate: string;
  /** null: every edge of the predicate. */
  readonly dst: NodeRef | null;
}

export interface WrittenVector {
  readonly predicate: string;
  /** The Dgraph type of the type (or interface) declaring the field: the stored vectors compared with are its nodes'. */
  readonly type: string;
  readonly length: number;
  readonly metric: VectorMetric;
}

export interface PendingPassword {
  readonly node: NodeRef;
  readonly predicate: string;
  readonly plain: string;
}

function refKey(ref: NodeRef): string {
  return ref.kind === 'existing' ? `e${ref.uid}` : ref.kind === 'created' ? `c${ref.index}` : 't';
}

export class WritePlan {
  readonly created: NewNode[] = [];
  readonly links: Link[] = [];
  readonly unlinks: Unlink[] = [];
  readonly passwords: PendingPassword[] = [];
  /** Vectors written to indexed `@embedding` fields: all of a predicate's must have one length (store/vectors.ts). */
  readonly vectors: WrittenVector[] = [];
  private readonly patches = new Map<string, { node: NodeRef; patch: Patch }>();

  create(type: TypeDef, types: readonly string[]): NodeRef {
    this.created.push({ type, types, data: {} });
    return { kind: 'created', index: this.created.length - 1 };
  }

  setValue(node: NodeRef, predicate: string, value: unknown): void {
    if (node.kind === 'created') this.created[node.index].data[predicate] = value;
    else this.patchOf(node).set[predicate] = value;
  }

  appendValues(node: NodeRef, predicate: string, values: unknown[]): void {
    if (node.kind === 'created') this.created[node.index].data[predicate] = values;
    else this.patchOf(node).append[predicate] = values;
  }

  removeValue(node: NodeRef, predicate: string, value: unknown): void {
    this.patchOf(node).remove[predicate] = value;
  }

  /** Patches of existing nodes (and of the update's targets). */
  patchList(): { node: NodeRef; patch: Patch }[] {
    return [...this.patches.values()];
  }

  isEmpty(): boolean {
    return this.created.length === 0 && this.links.length === 0 && this.unlinks.length === 0 && this.patches.size === 0;
  }

  private patchOf(node: NodeRef): Patch {
    const key = refKey(node);
    let entry = this.patches.get(key);
    if (!entry) {
      entry = { node, patch: { set: {}, append: {}, remove: {} } };
      this.patches.set(key, entry);
    }
    return entry.patch;
  }
}
