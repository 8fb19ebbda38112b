// Operator implementation functions called by name (booleq(a, b), texteq, numeric_inc …), as
// pg_proc lists them: each is the operator's comparison or arithmetic on the same types.
import { OID } from './oids.js';
import { fn } from './define.js';
import { cmpBool, compareText } from './base.js';
import { Numeric } from './numeric.js';

const { bool, text, numeric } = OID;

const CMP: [string, (c: number) => boolean][] = [
  ['eq', c => c === 0], ['ne', c => c !== 0], ['lt', c => c < 0], ['gt', c => c > 0], ['le', c => c <= 0], ['ge', c => c >= 0],
];
for (const [suffix, test] of CMP) {
  fn(`bool${suffix}`, [bool, bool], bool, ([a, b]) => test(cmpBool(a, b)));
  // text_lt … (texteq / textne without the underscore)
  fn(suffix === 'eq' || suffix === 'ne' ? `text${suffix}` : `text_${suffix}`, [text, text], bool, ([a, b]) => test(compareText(a, b)));
}
fn('numeric_inc', [numeric], numeric, ([a]) => (a as Numeric).add(Numeric.ONE));
