// inet and cidr (network.c, inet_net_pton.c, inet_net_ntop.c): an IPv4 or IPv6 address with a
// netmask length. Text input and output as PostgreSQL reads and prints them (IPv6 with the
// longest run of zero groups shortened to ::), cidr's classful abbreviations and its check
// that no bits are set right of the mask, ordering (network_cmp), casts and the usual
// functions (host, masklen, family, network, broadcast, netmask, set_masklen, abbrev).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType } from './base.js';
import { cast, comparisonOps, fn } from './define.js';

const { inet, cidr, bool, text, int4 } = OID;

/** An address: 4 (IPv4) or 16 (IPv6) bytes and the netmask length. */
export interface Inet { v6: boolean; bits: number; addr: Uint8Array }

const maxBits = (a: Inet) => (a.v6 ? 128 : 32);

const invalid = (isCidr: boolean, s: string) => new PgError('22P02', `invalid input syntax for type ${isCidr ? 'cidr' : 'inet'}: "${s}"`);

/** Dotted IPv4 octets (1 to 4 of them for cidr, exactly 4 for inet); null when malformed. */
function ipv4Octets(s: string, all: boolean): number[] | null {
  const parts = s.split('.');
  if (parts.length > 4 || (all && parts.length !== 4)) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    out.push(Number(p));
  }
  return out;
}

/** An IPv6 address (with an optional dotted IPv4 tail); null when malformed. */
function ipv6Bytes(s: string): Uint8Array | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i];
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = ipv4Octets(g, true);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]), tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const n = head.length + tail.length;
  if (halves.length === 1 ? n !== 8 : n > 7) return null;
  const words = [...head, ...new Array(8 - n).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => { bytes[2 * i] = w >> 8; bytes[2 * i + 1] = w & 0xff; });
  return bytes;
}

/** network_in: inet (a full address) or cidr (classful abbreviations allowed, no bits right of the mask). */
export function parseInet(s: string, isCidr: boolean): Inet {
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  let bits = -1;
  if (slash >= 0) {
    if (!/^\d{1,3}$/.test(s.slice(slash + 1))) throw invalid(isCidr, s);
    bits = Number(s.slice(slash + 1));
  }
  let a: Inet;
  if (addrText.includes(':')) {
    const addr = ipv6Bytes(addrText);
    if (!addr) throw invalid(isCidr, s);
    a = { v6: true, bits: bits < 0 ? 128 : bits, addr };
  } else {
    const octets = ipv4Octets(addrText, !isCidr);
    if (!octets) throw invalid(isCidr, s);
    const addr = new Uint8Array(4);
    octets.forEach((o, i) => { addr[i] = o; });
    if (bits < 0) bits = isCidr ? classfulBits(octets) : 32;
    a = { v6: false, bits, addr };
  }
  if (a.bits > maxBits(a)) throw invalid(isCidr, s);
  if (isCidr && !maskedOff(a)) {
    throw new PgError('22P02', `invalid cidr value: "${s}"`, { detail: 'Value has bits set to right of mask.' });
  }
  return a;
}

/** inet_cidr_pton_ipv4's netmask when none is written: by address class, widened to the octets given. */
function classfulBits(octets: number[]): number {
  const first = octets[0];
  let bits = first >= 240 ? 32 : first >= 224 ? 8 : first >= 192 ? 24 : first >= 128 ? 16 : 8;
  if (bits < octets.length * 8) bits = octets.length * 8;
  if (bits === 8 && first === 224) bits = 4;
  return bits;
}

/** No bit is set right of the netmask. */
function maskedOff(a: Inet): boolean {
  for (let i = 0; i < a.addr.length * 8; i++) {
    if (i >= a.bits && (a.addr[i >> 3] >> (7 - (i & 7))) & 1) return false;
  }
  return true;
}

/** The address with the bits right of the mask cleared (or set). */
function withHostBits(a: Inet, set: boolean, bits = a.bits): Inet {
  const addr = new Uint8Array(a.addr);
  for (let i = bits; i < addr.length * 8; i++) {
    const m = 1 << (7 - (i & 7));
    if (set) addr[i >> 3] |= m; else addr[i >> 3] &= ~m;
  }
  return { v6: a.v6, bits, addr };
}

/** The address alone (inet_net_ntop without the mask). */
function addrText(a: Inet): string {
  if (!a.v6) return Array.from(a.addr).join('.');
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((a.addr[i] << 8) | a.addr[i + 1]);
  // the first longest run of two or more zero groups becomes ::
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) { out += i === 0 ? '::' : ':'; i += bestLen - 1; continue; }
    // an IPv4-compatible or -mapped address ends in dotted form
    if (i === 6 && best === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += `${a.addr[12]}.${a.addr[13]}.${a.addr[14]}.${a.addr[15]}`;
      break;
    }
    out += words[i].toString(16) + (i < 7 ? ':' : '');
  }
  return out;
}

/** inet_out / cidr_out: the mask is shown for cidr always, for inet unless it covers the whole address. */
export function formatInet(a: Inet, isCidr: boolean): string {
  return isCidr || a.bits !== maxBits(a) ? `${addrText(a)}/${a.bits}` : addrText(a);
}

/** network_cmp: family, then the common prefix, then the netmask length, then the whole address. */
export function compareInet(a: Inet, b: Inet): number {
  if (a.v6 !== b.v6) return a.v6 ? 1 : -1;
  const prefix = bitCmp(a.addr, b.addr, Math.min(a.bits, b.bits));
  if (prefix !== 0) return prefix;
  if (a.bits !== b.bits) return a.bits - b.bits;
  return bitCmp(a.addr, b.addr, maxBits(a));
}

function bitCmp(x: Uint8Array, y: Uint8Array, bits: number): number {
  for (let i = 0; i < bits; i++) {
    const p = (x[i >> 3] >> (7 - (i & 7))) & 1, q = (y[i >> 3] >> (7 - (i & 7))) & 1;
    if (p !== q) return p - q;
  }
  return 0;
}

const hashKey = (v: unknown) => { const a = v as Inet; return `${a.v6 ? 6 : 4}/${a.bits}/${Array.from(a.addr).join('.')}`; };

defineType({
  oid: inet, name: 'inet', category: 'I', preferred: true, len: -1, array: OID._inet,
  input: t => parseInet(t, false), output: v => formatInet(v as Inet, false),
  compare: (a, b) => compareInet(a as Inet, b as Inet), hashKey,
});
defineType({
  oid: cidr, name: 'cidr', category: 'I', preferred: false, len: -1, array: OID._cidr,
  input: t => parseInet(t, true), output: v => formatInet(v as Inet, true),
  compare: (a, b) => compareInet(a as Inet, b as Inet), hashKey,
});
comparisonOps(inet, inet, compareInet, bool);
// cidr is binary-coercible to inet; inet to cidr clears the host bits
cast(cidr, inet, 'i');
cast(inet, cidr, 'a', (a: Inet) => withHostBits(a, false));
cast(inet, text, 'a', (a: Inet) => formatInet(a, false));
cast(cidr, text, 'a', (a: Inet) => formatInet(a, true));

fn('host', [inet], text, ([a]: [Inet]) => addrText(a));
fn('masklen', [inet], int4, ([a]: [Inet]) => a.bits);
fn('family', [inet], int4, ([a]: [Inet]) => (a.v6 ? 6 : 4));
fn('network', [inet], cidr, ([a]: [Inet]) => withHostBits(a, false));
fn('broadcast', [inet], inet, ([a]: [Inet]) => withHostBits(a, true));
fn('netmask', [inet], inet, ([a]: [Inet]) => {
  const m = withHostBits({ ...a, addr: new Uint8Array(a.addr.length).fill(0xff) }, false);
  return { ...m, bits: maxBits(a) };
});
fn('text', [inet], text, ([a]: [Inet]) => `${addrText(a)}/${a.bits}`);
fn('abbrev', [inet], text, ([a]: [Inet]) => formatInet(a, false));
fn('abbrev', [cidr], text, ([a]: [Inet]) => {
  // cidr_abbrev: IPv4 octets up to the mask only
  if (a.v6) return formatInet(a, true);
  const n = Math.max(1, Math.ceil(a.bits / 8));
  return `${Array.from(a.addr.slice(0, n)).join('.')}/${a.bits}`;
});
fn('set_masklen', [inet, int4], inet, ([a, n]: [Inet, number]) => {
  const bits = n === -1 ? maxBits(a) : n;
  if (bits < 0 || bits > maxBits(a)) throw new PgError('22023', `invalid mask length: ${n}`);
  return { ...a, bits };
});
fn('set_masklen', [cidr, int4], cidr, ([a, n]: [Inet, number]) => {
  const bits = n === -1 ? maxBits(a) : n;
  if (bits < 0 || bits > maxBits(a)) throw new PgError('22023', `invalid mask length: ${n}`);
  return withHostBits(a, false, bits);
});
