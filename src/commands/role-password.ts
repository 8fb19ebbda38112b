// Passwords as PostgreSQL stores them (rolpassword): a SCRAM-SHA-256 verifier
// "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>" (RFC 5802/7677), never the
// password itself. A password given already hashed (SCRAM or MD5) is stored as given.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export const SCRAM_ITERATIONS = 4096;

export interface ScramVerifier { iterations: number; salt: Buffer; storedKey: Buffer; serverKey: Buffer }

const hmac = (key: Buffer, text: string | Buffer) => createHmac('sha256', key).update(text).digest();
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** SASLprep (RFC 4013), approximated by NFKC normalization as PostgreSQL falls back to the raw bytes. */
const prep = (password: string) => (/^[\x20-\x7e]*$/.test(password) ? password : password.normalize('NFKC'));

export function scramKeys(password: string, salt: Buffer, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(prep(password), salt, iterations, 32, 'sha256');
  return { storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** The rolpassword text of a new password (password_encryption is scram-sha-256: never MD5). */
export function encryptPassword(password: string): string {
  if (isHashed(password)) return password;
  const salt = randomBytes(16);
  const { storedKey, serverKey } = scramKeys(password, salt, SCRAM_ITERATIONS);
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const isHashed = (p: string) => /^md5[0-9a-f]{32}$/.test(p) || parseScramVerifier(p) !== null;

export function parseScramVerifier(s: string): ScramVerifier | null {
  const m = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(s);
  if (!m) return null;
  const storedKey = Buffer.from(m[3], 'base64'), serverKey = Buffer.from(m[4], 'base64');
  if (storedKey.length !== 32 || serverKey.length !== 32) return null;
  return { iterations: Number(m[1]), salt: Buffer.from(m[2], 'base64'), storedKey, serverKey };
}

export { hmac };
