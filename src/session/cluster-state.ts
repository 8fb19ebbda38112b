// The cluster's shared catalog (roles, memberships, databases, their settings) in a file
// of its own, JSON, replaced atomically (temp file, fsync, rename, fsync of the directory).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SharedCatalog, type Role } from '../catalog/shared.js';

interface StateFile {
  version: 1;
  nextOid: number;
  roles: Role[];
  memberships: { role: number; member: number; grantor: number; admin: boolean }[];
  databases: { oid: number; name: string; owner: number; isTemplate: boolean; allowConn: boolean; connLimit: number }[];
  settings: { database: number; role: number; config: string[] }[];
}

function toState(s: SharedCatalog): StateFile {
  return {
    version: 1,
    nextOid: s.nextOid,
    roles: [...s.roles.values()].map(r => ({ ...r })),
    memberships: s.memberships.map(m => ({ role: m.role.oid, member: m.member.oid, grantor: m.grantor.oid, admin: m.admin })),
    databases: [...s.databases.values()].map(d => ({ ...d, owner: d.owner.oid })),
    settings: s.settings.map(x => ({ ...x, config: [...x.config] })),
  };
}

/** The shared catalog a state file holds, or null when there is none yet. */
export function loadSharedState(file: string): SharedCatalog | null {
  if (!existsSync(file)) return null;
  const st = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  const s = new SharedCatalog();
  s.roles.clear();
  s.memberships = [];
  for (const r of st.roles) s.roles.set(r.name, { ...r });
  const role = (oid: number) => {
    const r = s.roleByOid(oid);
    if (!r) throw new Error(`${file}: role ${oid} is missing`);
    return r;
  };
  s.memberships = st.memberships.map(m => ({ role: role(m.role), member: role(m.member), grantor: role(m.grantor), admin: m.admin }));
  for (const d of st.databases) s.databases.set(d.name, { ...d, owner: role(d.owner) });
  s.settings = st.settings;
  s.nextOid = st.nextOid;
  return s;
}

/** Writes the state when it differs from `previous` (its last text); returns the text written. */
export function saveSharedState(file: string, s: SharedCatalog, previous: string): string {
  const text = JSON.stringify(toState(s));
  if (text === previous) return previous;
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try { writeSync(fd, text); fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, file);
  try {
    const dir = openSync(dirname(file), 'r');
    try { fsyncSync(dir); } finally { closeSync(dir); }
  } catch { /* directories cannot be fsync'd everywhere */ }
  return text;
}
