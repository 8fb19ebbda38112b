// psql's \pset settings that shape how a result table is printed.

export type OutputFormat = 'aligned' | 'unaligned';
export type ExpandedMode = 'off' | 'on' | 'auto';

export interface PrintOptions {
  format: OutputFormat;
  /** 0, 1 or 2; larger values print as 2, as in psql. */
  border: number;
  expanded: ExpandedMode;
  tuplesOnly: boolean;
  /** Print the default "(N rows)" footer. */
  footer: boolean;
  /** Text shown for SQL NULL. */
  nullPrint: string;
  fieldSep: string;
  recordSep: string;
}

export const defaultPrintOptions = (): PrintOptions => ({
  format: 'aligned', border: 1, expanded: 'off', tuplesOnly: false, footer: true,
  nullPrint: '', fieldSep: '|', recordSep: '\n',
});

/** A result ready to print: every cell already converted to text. */
export interface PrintableTable {
  headers: string[];
  /** 'r' for numeric types (psql's column_type_alignment), else 'l'. */
  aligns: ('l' | 'r')[];
  rows: string[][];
  /** psql's table title: above the table (centred in the aligned format). */
  title?: string;
  /** Footer lines the describe commands add; when given, they replace the default "(N rows)". */
  footers?: string[];
}

/** "(1 row)" / "(N rows)" */
export const rowCountFooter = (n: number): string => `(${n} ${n === 1 ? 'row' : 'rows'})`;
