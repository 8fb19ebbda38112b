// interval text (IntervalStyle postgres: '1 year 2 mons 3 days 04:05:06.789') read into the
// object node-postgres returns (its postgres-interval 1.2.0): only the non-zero parts among
// years, months, days, hours, minutes, seconds, milliseconds, with toPostgres() and toISO().

const NUMBER = '([+-]?\\d+)';
const INTERVAL = new RegExp([
  NUMBER + '\\s+years?', NUMBER + '\\s+mons?', NUMBER + '\\s+days?',
  '([+-])?([\\d]*):(\\d\\d):(\\d\\d)\\.?(\\d{1,6})?',
].map(r => '(' + r + ')?').join('\\s*'));

const POSITIONS = { years: 2, months: 4, days: 6, hours: 9, minutes: 10, seconds: 11, milliseconds: 12 } as const;
type Part = keyof typeof POSITIONS;
const NEGATED_WITH_TIME: Part[] = ['hours', 'minutes', 'seconds', 'milliseconds'];
const OUTPUT_ORDER = ['seconds', 'minutes', 'hours', 'days', 'months', 'years'] as const;
const ISO_LETTER = { years: 'Y', months: 'M', days: 'D', hours: 'H', minutes: 'M', seconds: 'S' } as const;

export class PostgresInterval {
  // declared, not defined: a part that is zero is absent, as in node-postgres
  declare years?: number;
  declare months?: number;
  declare days?: number;
  declare hours?: number;
  declare minutes?: number;
  declare seconds?: number;
  declare milliseconds?: number;

  constructor(text: string) {
    if (!text) return;
    const m = INTERVAL.exec(text)!;
    const negativeTime = m[8] === '-';
    for (const part of Object.keys(POSITIONS) as Part[]) {
      const raw = m[POSITIONS[part]];
      if (!raw) continue;
      let value = part === 'milliseconds' ? parseInt(raw + '000000'.slice(raw.length), 10) / 1000 : parseInt(raw, 10);
      if (!value) continue;
      if (negativeTime && NEGATED_WITH_TIME.includes(part)) value = -value;
      this[part] = value;
    }
  }

  /** The text PostgreSQL reads back, used when the interval is passed as a parameter. */
  toPostgres(): string {
    const parts: string[] = OUTPUT_ORDER.filter(p => Object.prototype.hasOwnProperty.call(this, p));
    if (this.milliseconds && !parts.includes('seconds')) parts.push('seconds');
    if (parts.length === 0) return '0';
    return parts.map(p => {
      let value: number | string = this[p as Part] || 0;
      if (p === 'seconds' && this.milliseconds) value = (value + this.milliseconds / 1000).toFixed(6).replace(/\.?0+$/, '');
      return `${value} ${p}`;
    }).join(' ');
  }

  toISO(): string {
    const build = (p: keyof typeof ISO_LETTER) => {
      let value: number | string = this[p] || 0;
      if (p === 'seconds' && this.milliseconds) value = (value + this.milliseconds / 1000).toFixed(6).replace(/0+$/, '');
      return value + ISO_LETTER[p];
    };
    return 'P' + (['years', 'months', 'days'] as const).map(build).join('') + 'T' + (['hours', 'minutes', 'seconds'] as const).map(build).join('');
  }

  toISOString(): string {
    return this.toISO();
  }
}
