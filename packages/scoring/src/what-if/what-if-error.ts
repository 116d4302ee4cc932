/** The enumerated reasons why a what-if or rank-bounds request is refused. */
export type WhatIfErrorCode =
  /** The methodology has no dimension with that key. */
  | 'UNKNOWN_DIMENSION'
  /** A weight override names no node of the dimension's tree (the root is not a node one can weigh). */
  | 'UNKNOWN_NODE'
  /** A weight override names a key that is both a group key and an indicator key of the tree. */
  | 'AMBIGUOUS_NODE'
  /** Two weight overrides name the same node. */
  | 'DUPLICATE_NODE'
  /** A weight is negative, NaN or infinite. */
  | 'INVALID_WEIGHT'
  /** After the overrides, every child of one group node (or of the root) weighs 0. */
  | 'ZERO_WEIGHTS'
  /** Two project rows share a slug. */
  | 'DUPLICATE_PROJECT'
  /** A project row lacks an indicator of the tree, or its normalised value is not null nor in [0, 1]. */
  | 'INVALID_NORMALIZED'
  /** An option (the rank-bounds band) is out of range. */
  | 'INVALID_OPTION';

/** Where a {@link WhatIfError} points in the caller's input. */
export interface WhatIfErrorDetails {
  /** Position (0-based) of the offending weight override or project row. */
  index?: number;
  /** The offending field of that entry: `node` or `weight` of an override, `project` or `indicators` of a row. */
  field?: string;
  /** The keys a weight override may name (every node of the tree below the root, in preorder). */
  validKeys?: readonly string[];
}

/**
 * A what-if or rank-bounds input that cannot be used. `path` locates the offending value in the
 * caller's input (`weights[2].node`, `projects[4].indicators.stars`, `band`), so the API can map it
 * onto its own argument names; `validKeys` lists the node keys of the dimension for node errors.
 */
export class WhatIfError extends Error {
  readonly code: WhatIfErrorCode;
  readonly index: number | undefined;
  readonly field: string | undefined;
  readonly validKeys: string[];
  /** `weights[i].field`, `projects[i].field` or the option name; `$` when the whole input is concerned. */
  readonly path: string;

  constructor(code: WhatIfErrorCode, path: string, message: string, details: WhatIfErrorDetails = {}) {
    super(`${path}: ${message}`);
    this.name = 'WhatIfError';
    this.code = code;
    this.path = path;
    this.index = details.index;
    this.field = details.field;
    this.validKeys = [...(details.validKeys ?? [])];
  }
}
