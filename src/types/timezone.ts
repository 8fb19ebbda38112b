// Time zones: IANA zones through Intl.DateTimeFormat (cached per zone), fixed
// offsets, POSIX-style specs, and PostgreSQL's default time zone abbreviation set.
// Offsets here are seconds EAST of Greenwich (ISO sign) unless said otherwise.
import { err, SECS_PER_DAY } from './datetime-common.js';

export interface TimeZone {
  /** The name as the user wrote it (canonicalised for IANA zones). */
  name: string;
  /** Fixed offset (seconds east) when the zone never changes, else null. */
  fixedOffset: number | null;
  /** Offset (seconds east) in effect at a UTC instant given in seconds since 1970. */
  offsetAt(unixSec: number): number;
  /** tzdata-style abbreviation in effect at a UTC instant. */
  abbrevAt(unixSec: number): string;
}

/** Numeric abbreviation in tzdata style: +03, -0330, +0545. */
export function numericAbbrev(offEast: number): string {
  const sign = offEast < 0 ? '-' : '+';
  let a = Math.abs(offEast);
  const h = Math.floor(a / 3600); a -= h * 3600;
  const m = Math.floor(a / 60);
  const s = a - m * 60;
  let r = sign + (h < 10 ? '0' : '') + h;
  if (m || s) r += (m < 10 ? '0' : '') + m;
  if (s) r += (s < 10 ? '0' : '') + s;
  return r;
}

export function fixedZone(name: string, offEast: number, abbrev?: string): TimeZone {
  const ab = abbrev ?? numericAbbrev(offEast);
  return { name, fixedOffset: offEast, offsetAt: () => offEast, abbrevAt: () => ab };
}

// ---------------------------------------------------------------- IANA zones via Intl

const OVERRIDE_ABBREV: Record<string, [string, string?]> = {
  // zones whose tzdata abbreviations Intl does not give in English locales: [std, dst]
  'Asia/Tokyo': ['JST', 'JDT'], 'Japan': ['JST', 'JDT'], 'Asia/Seoul': ['KST', 'KDT'], 'ROK': ['KST', 'KDT'],
  'Asia/Shanghai': ['CST', 'CDT'], 'PRC': ['CST', 'CDT'], 'Asia/Taipei': ['CST', 'CDT'], 'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Macau': ['CST', 'CDT'], 'Asia/Manila': ['PST', 'PDT'], 'Asia/Jerusalem': ['IST', 'IDT'], 'Asia/Tel_Aviv': ['IST', 'IDT'],
  'Israel': ['IST', 'IDT'], 'Asia/Karachi': ['PKT', 'PKST'], 'Asia/Jakarta': ['WIB'], 'Asia/Pontianak': ['WIB'],
  'Asia/Makassar': ['WITA'], 'Asia/Jayapura': ['WIT'], 'Africa/Johannesburg': ['SAST'], 'Africa/Lagos': ['WAT'],
  'Africa/Nairobi': ['EAT'], 'Africa/Cairo': ['EET', 'EEST'], 'Europe/Moscow': ['MSK', 'MSD'], 'W-SU': ['MSK', 'MSD'],
  'Europe/Dublin': ['GMT', 'IST'], 'Eire': ['GMT', 'IST'], 'Europe/Simferopol': ['MSK'], 'Asia/Kolkata': ['IST'],
  'Asia/Calcutta': ['IST'], 'Pacific/Honolulu': ['HST', 'HDT'], 'US/Hawaii': ['HST', 'HDT'], 'Asia/Pyongyang': ['KST'],
  'Africa/Casablanca': ['+01', '+00'],
};

const ZONE_DST_MARK = new Map<string, boolean>();

function alphaAbbrev(s: string | undefined): string | null {
  if (!s) return null;
  if (/^[A-Za-z]{2,6}$/.test(s) && s !== 'GMT') return s;
  if (s === 'GMT' || s === 'UTC') return s;
  return null;
}

class IanaZone implements TimeZone {
  fixedOffset: number | null = null;
  private fmt: Intl.DateTimeFormat;
  private shortFmts: Intl.DateTimeFormat[] | null = null;
  private cache = new Map<number, number>();
  private abbrevCache = new Map<number, string>();
  constructor(public name: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset', year: 'numeric' });
  }
  private exactOffset(unixSec: number): number {
    const ms = unixSec * 1000;
    // Intl only covers ±8.64e15 ms; clamp far dates (the last/first rule applies there anyway).
    const d = new Date(Math.max(-8.64e15, Math.min(8.64e15, ms)));
    const parts = this.fmt.formatToParts(d);
    let tzn = '';
    for (const p of parts) if (p.type === 'timeZoneName') { tzn = p.value; break; }
    // "GMT", "GMT+01:00", "GMT-07:52:58"
    if (tzn.length <= 3) return 0;
    const sign = tzn[3] === '-' ? -1 : 1;
    const h = +tzn.slice(4, 6), m = +tzn.slice(7, 9), s = tzn.length > 9 ? +tzn.slice(10, 12) : 0;
    return sign * (h * 3600 + m * 60 + s);
  }
  offsetAt(unixSec: number): number {
    const bucket = Math.floor(unixSec / 900);
    let lo = this.cache.get(bucket);
    if (lo === undefined) {
      const a = this.exactOffset(bucket * 900), b = this.exactOffset(bucket * 900 + 899);
      lo = a === b ? a : NaN;
      if (this.cache.size > 20000) this.cache.clear();
      this.cache.set(bucket, lo);
    }
    if (Number.isNaN(lo)) return this.exactOffset(unixSec);
    return lo;
  }
  abbrevAt(unixSec: number): string {
    const off = this.offsetAt(unixSec);
    const key = Math.floor(unixSec / 3600) * 100000 + off;
    const hit = this.abbrevCache.get(key);
    if (hit !== undefined) return hit;
    const r = this.computeAbbrev(unixSec, off);
    if (this.abbrevCache.size > 5000) this.abbrevCache.clear();
    this.abbrevCache.set(key, r);
    return r;
  }
  private computeAbbrev(unixSec: number, off: number): string {
    const d = new Date(Math.max(-8.64e15, Math.min(8.64e15, unixSec * 1000)));
    // Local mean time before standard time was adopted
    if (off % 60 !== 0 || (unixSec < -2.2e9 && off % 900 !== 0)) return 'LMT';
    const ov = OVERRIDE_ABBREV[this.name];
    if (ov) {
      if (ov.length === 1 || ov[1] === undefined) return ov[0];
      // decide std/dst by comparing with the offset half a year away
      const other = this.offsetAt(unixSec + 182 * SECS_PER_DAY);
      const isDst = off > other;
      return isDst ? ov[1] : ov[0];
    }
    if (!this.shortFmts) {
      this.shortFmts = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-NZ'].map(
        (loc) => new Intl.DateTimeFormat(loc, { timeZone: this.name, timeZoneName: 'short' }));
    }
    for (const f of this.shortFmts) {
      const p = f.formatToParts(d).find((x) => x.type === 'timeZoneName');
      const a = alphaAbbrev(p?.value);
      if (a) {
        if (a === 'GMT' && off !== 0) continue;
        if (a === 'UTC' && this.name !== 'UTC' && !/^(Etc\/)?(UTC|UCT|Universal|Zulu)$/i.test(this.name)) {
          if (off === 0 && /^(Etc\/)?(GMT|Greenwich)/i.test(this.name)) return 'GMT';
        }
        return a;
      }
    }
    return numericAbbrev(off);
  }
}

// ---------------------------------------------------------------- abbreviations (timezonesets/Default)

const ABBREV_DATA = 'eat 10800,sast 7200,wat 3600,act -18000,akdt -28800 D,akst -32400,art America/Argentina/Buenos_Aires,arst America/Argentina/Buenos_Aires,bot -14400,bra -10800,brst -7200 D,brt -10800,cot -18000,cdt -18000 D,clst -10800 D,clt America/Santiago,cst -21600,edt -14400 D,egst 0 D,egt -3600,est -18000,fnt -7200,fnst -3600 D,gft -10800,gyt America/Guyana,mdt -21600 D,mst -25200,ndt -9000 D,nft -12600,nst -12600,pet -18000,pdt -25200 D,pmdt -7200 D,pmst -10800,pst -28800,pyst -10800 D,pyt America/Asuncion,uyst -7200 D,uyt -10800,vet America/Caracas,wgst -7200 D,wgt -10800,davt Antarctica/Davis,ddut 36000,mawt Antarctica/Mawson,aft 16200,almt 21600,almst 25200 D,amst Asia/Yerevan,amt -14400,anast Asia/Anadyr,anat Asia/Anadyr,azst Asia/Baku,azt Asia/Baku,bdt 21600,bnt 28800,bort 28800,btt 21600,cct 28800,gest Asia/Tbilisi,get Asia/Tbilisi,hkt 28800,ict 25200,idt 10800 D,irkst Asia/Irkutsk,irkt Asia/Irkutsk,irt 12600,ist 7200,jayt 32400,jst 32400,kdt 36000 D,kgst 21600 D,kgt Asia/Bishkek,krast Asia/Krasnoyarsk,krat Asia/Krasnoyarsk,kst 32400,lkt Asia/Colombo,magst Asia/Magadan,magt Asia/Magadan,mmt 23400,myt 28800,novst Asia/Novosibirsk,novt Asia/Novosibirsk,npt 20700,omsst Asia/Omsk,omst Asia/Omsk,petst Asia/Kamchatka,pett Asia/Kamchatka,pht 28800,pkt 18000,pkst 21600 D,sgt Asia/Singapore,tjt 18000,tmt Asia/Ashgabat,ulast 32400 D,ulat Asia/Ulaanbaatar,uzst 21600 D,uzt 18000,vlast Asia/Vladivostok,vlat Asia/Vladivostok,xjt 21600,yakst Asia/Yakutsk,yakt Asia/Yakutsk,yekst 21600 D,yekt Asia/Yekaterinburg,adt -10800 D,ast -14400,azost 0 D,azot -3600,fkst Atlantic/Stanley,fkt Atlantic/Stanley,acsst 37800 D,acdt 37800 D,acst 34200,acwst 31500,aesst 39600 D,aedt 39600 D,aest 36000,awsst 32400 D,awst 28800,cadt 37800 D,cast 34200,lhdt Australia/Lord_Howe,lhst 37800,ligt 36000,nzt 43200,sadt 37800 D,wadt 28800 D,wast 25200,wdt 32400 D,gmt 0,uct 0,ut 0,utc 0,z 0,zulu 0,bst 3600 D,bdst 7200 D,cest 7200 D,cet 3600,cetdst 7200 D,eest 10800 D,eet 7200,eetdst 10800 D,fet 10800,mest 7200 D,mesz 7200 D,met 3600,metdst 7200 D,mez 3600,msd 14400 D,msk Europe/Moscow,volt Europe/Volgograd,wet 0,wetdst 3600 D,cxt 25200,iot Indian/Chagos,mut 14400,must 18000 D,mvt 18000,ret 14400,sct 14400,tft 18000,chadt 49500 D,chast 45900,chut 36000,ckt Pacific/Rarotonga,easst Pacific/Easter,east Pacific/Easter,fjst 46800 D,fjt 43200,galt -21600,gamt -32400,gilt 43200,hst -36000,kost Pacific/Kosrae,lint Pacific/Kiritimati,mart -34200,mht 43200,mpt 36000,nut Pacific/Niue,nzdt 46800 D,nzst 43200,pgt 36000,pont 39600,pwt 32400,taht -36000,tkt Pacific/Fakaofo,tot 46800,trut 36000,tvt 43200,vut 39600,wakt 43200,wft 43200,yapt 36000';

export interface Abbrev {
  /** 'TZ' fixed standard, 'DTZ' fixed daylight, 'DYNTZ' meaning given by a zone */
  type: 'TZ' | 'DTZ' | 'DYNTZ';
  /** seconds east, for TZ/DTZ */
  offset: number;
  zone?: string;
}

const ABBREVS = new Map<string, Abbrev>();
for (const ent of ABBREV_DATA.split(',')) {
  const [a, v, d] = ent.split(' ');
  if (/^-?\d+$/.test(v)) ABBREVS.set(a, { type: d === 'D' ? 'DTZ' : 'TZ', offset: +v });
  else ABBREVS.set(a, { type: 'DYNTZ', offset: 0, zone: v });
}

/** Look up a lower-case abbreviation (first 10 chars matter, as in PostgreSQL). */
export function lookupAbbrev(lower: string): Abbrev | undefined {
  return ABBREVS.get(lower.length > 10 ? lower.slice(0, 10) : lower);
}

export const allAbbrevs = (): IterableIterator<[string, Abbrev]> => ABBREVS.entries();

// ---------------------------------------------------------------- resolution

const zoneCache = new Map<string, TimeZone | null>();

function tryIana(name: string): TimeZone | null {
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: name });
    const canonical = f.resolvedOptions().timeZone;
    return new IanaZone(canonical === 'UTC' && !/^utc$/i.test(name) && !/^etc\/utc$/i.test(name) ? name : canonical);
  } catch {
    return null;
  }
}

/** POSIX "STDoffset" (no DST part): sign is west-positive. */
function tryPosix(name: string): TimeZone | null {
  const m = /^([A-Za-z]{3,}|<[+-]?[A-Za-z0-9]+>)([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?$/.exec(name);
  if (!m) return null;
  const h = +m[3], mi = m[4] ? +m[4] : 0, s = m[5] ? +m[5] : 0;
  if (h > 24 || mi > 59 || s > 59) return null;
  let west = h * 3600 + mi * 60 + s;
  if (m[2] === '-') west = -west;
  const std = m[1].startsWith('<') ? m[1].slice(1, -1) : m[1];
  return fixedZone(name, -west, std);
}

/**
 * A time zone as the TimeZone setting accepts it: IANA names, POSIX specs, or a
 * number of hours east of UTC. Returns null when unknown.
 */
export function resolveZone(name: string): TimeZone | null {
  const hit = zoneCache.get(name);
  if (hit !== undefined) return hit;
  let z: TimeZone | null = null;
  const trimmed = name.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
    const hours = parseFloat(trimmed);
    if (Math.abs(hours) < 168) z = fixedZone(name, Math.round(hours * 3600));
  } else if (/^utc$/i.test(trimmed)) {
    z = fixedZone('UTC', 0, 'UTC');
  } else if (/^(gmt|etc\/utc|etc\/gmt|zulu|etc\/zulu|universal|etc\/universal|uct|etc\/uct|greenwich)$/i.test(trimmed)) {
    const up = trimmed.replace(/^etc\//i, '').toLowerCase();
    const ab = up === 'gmt' || up === 'greenwich' ? 'GMT' : 'UTC';
    z = fixedZone(trimmed, 0, ab);
  } else {
    z = tryPosix(trimmed);
    if (!z && /^[A-Za-z0-9_+\-/]+$/.test(trimmed)) z = tryIana(trimmed);
  }
  if (zoneCache.size > 1000) zoneCache.clear();
  zoneCache.set(name, z);
  return z;
}

/** The session zone; unknown names fall back to UTC (the engine validates SET). */
export function sessionZone(name: string): TimeZone {
  return resolveZone(name) ?? resolveZone('UTC')!;
}

/**
 * A zone as AT TIME ZONE / timezone(text, …) accept it: an abbreviation first,
 * then a full zone name; otherwise `time zone "x" not recognized`.
 */
export function zoneForAtTimeZone(name: string): TimeZone {
  const ab = lookupAbbrev(name.toLowerCase());
  if (ab) {
    if (ab.type === 'DYNTZ') return resolveZone(ab.zone!) ?? fixedZone(name, 0);
    return fixedZone(name, ab.offset, name.toUpperCase());
  }
  const z = resolveZone(name);
  if (!z) throw err('22023', `time zone "${name}" not recognized`);
  return z;
}

/** True if `name` is acceptable for SET TIME ZONE. */
export const isValidZoneSetting = (name: string): boolean => resolveZone(name) !== null;

// ---------------------------------------------------------------- local ↔ UTC

/**
 * DetermineTimeZoneOffset: the offset (seconds east) to apply to a local time
 * given as seconds since 1970 (as if UTC), resolving DST gaps and overlaps the
 * way PostgreSQL does (spring-forward: the earlier offset; fall-back: the later).
 */
export function localOffset(z: TimeZone, localSec: number): number {
  if (z.fixedOffset !== null) return z.fixedOffset;
  const oa = z.offsetAt(localSec - SECS_PER_DAY);
  const ob = z.offsetAt(localSec + SECS_PER_DAY);
  if (oa === ob) {
    const o = z.offsetAt(localSec - oa);
    if (o === oa) return oa;
    // a transition inside the window that returned to the same offset: trust the probe
    const o2 = z.offsetAt(localSec - o);
    return o2 === o ? o : oa;
  }
  const va = z.offsetAt(localSec - oa) === oa;
  const vb = z.offsetAt(localSec - ob) === ob;
  if (va && !vb) return oa;
  if (vb && !va) return ob;
  return oa < ob ? oa : ob;
}
