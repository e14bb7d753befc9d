/** What the function table (table.ts, written by gen.ts) says of one function. */

export interface Param {
  name: string;
  type: string;
}

export interface FunctionSig {
  params: Param[];
  variadic?: Param;
  minArgs?: number;
  maxArgs?: number;
  typeParams?: number[];
  exprParams?: number[];
  readsFile?: true;
  pathFromCwd?: true;
  variableDefaultsOnly?: true;
}
