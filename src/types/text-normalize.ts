// Unicode normalization (normalize, IS [form] NORMALIZED), the ^@ prefix operator and
// convert_to / convert_from for the encodings a UTF8 database can name.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn, op } from './define.js';

const { text, bool, bytea, name } = OID;
type Form = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

function form(f: string): Form {
  const u = f.toUpperCase();
  if (u === 'NFC' || u === 'NFD' || u === 'NFKC' || u === 'NFKD') return u;
  throw new PgError('22023', `invalid normalization form: ${f}`);
}
fn('normalize', [text], text, ([s]) => (s as string).normalize('NFC'));
fn('normalize', [text, text], text, ([s, f]) => (s as string).normalize(form(f as string)));
fn('is_normalized', [text], bool, ([s]) => (s as string).normalize('NFC') === s);
fn('is_normalized', [text, text], bool, ([s, f]) => (s as string).normalize(form(f as string)) === s);
op('^@', text, text, bool, (s: string, p: string) => s.startsWith(p));

/** The encodings convert_to / convert_from know (PostgreSQL's names, any case, with or without '_'/'-'). */
function encodingOf(e: string): 'utf8' | 'latin1' | 'ascii' {
  const n = e.toUpperCase().replace(/[-_]/g, '');
  if (n === 'UTF8' || n === 'UNICODE') return 'utf8';
  if (n === 'LATIN1' || n === 'ISO88591') return 'latin1';
  if (n === 'SQLASCII') return 'ascii';
  throw new PgError('22023', `invalid destination encoding name "${e}"`);
}
fn('convert_to', [text, name], bytea, ([s, e]) => {
  const enc = encodingOf(e as string);
  if (enc === 'latin1') {
    const str = s as string;
    for (const ch of str) if (ch.codePointAt(0)! > 255) {
      throw new PgError('22P05', `character with byte sequence ${[...Buffer.from(ch, 'utf8')].map(b => '0x' + b.toString(16).padStart(2, '0')).join(' ')} in encoding "UTF8" has no equivalent in encoding "LATIN1"`);
    }
    return new Uint8Array(Buffer.from(str, 'latin1'));
  }
  return new Uint8Array(Buffer.from(s as string, 'utf8'));
});
fn('convert_from', [bytea, name], text, ([b, e]) => {
  const enc = encodingOf(e as string);
  return Buffer.from(b as Uint8Array).toString(enc === 'latin1' ? 'latin1' : 'utf8');
});
