/** The executable model of a DMN decision requirements graph: plain data, built once. */

export type HitPolicy =
  'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

export interface DecisionTable {
  hitPolicy: HitPolicy;
  /** COLLECT only: SUM, COUNT, MIN or MAX. */
  aggregation?: 'SUM' | 'COUNT' | 'MIN' | 'MAX';
  inputs: { id: string; label?: string; expression: string }[];
  /** `values`: the output's allowed values in priority order (PRIORITY, OUTPUT ORDER). */
  outputs: { id: string; name?: string; label?: string; values?: string }[];
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
}

export interface Decision {
  id: string;
  name?: string;
  /** The name its result goes by in the decisions that require it. */
  variableName: string;
  /** Ids of the decisions whose results this one reads. */
  requires: string[];
  table?: DecisionTable;
  literal?: { expression: string };
}

export interface DecisionGraph {
  /** The DRD: `definitions` id and name. */
  id: string;
  name?: string;
  decisions: Decision[];
}
