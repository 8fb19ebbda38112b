// From the startup packet to a session: authentication, the checks PostgreSQL's
// InitPostgres makes (role may log in, database exists and accepts connections,
// connection limits), then the settings of the database and role and the packet's own.
import { PgError, type Notice } from '../errors/index.js';
import type { DatabaseInfo, Role } from '../catalog/shared.js';
import type { Cluster } from '../session/cluster.js';
import { Session } from '../session/session.js';
import { authMethod, scramAuthenticate, type AuthIO, type AuthMode } from './auth.js';
import { supportedEncoding } from './reported.js';
import { fatal, setStatement, startupSettings, type StartupPacket } from './startup.js';

export interface LoginHost {
  readonly cluster: Cluster;
  readonly auth: AuthMode;
  /** Sessions of a role now connected (for its CONNECTION LIMIT). */
  sessionsOf(role: string): number;
}

export interface LoginIO extends AuthIO {
  address: string | undefined;
  onNotice(n: Notice): void;
}

export interface LoggedIn { session: Session; database: DatabaseInfo; role: Role }

const EPOCH_2000_MS = Date.UTC(2000, 0, 1);

export async function login(host: LoginHost, io: LoginIO, p: StartupPacket): Promise<LoggedIn> {
  const user = p.params.get('user');
  if (!user) throw fatal('28000', 'no PostgreSQL user name specified in startup packet');
  const dbname = p.params.get('database') || user;
  const shared = host.cluster.shared;
  if (authMethod(host.auth, shared, user, io.address) === 'scram') {
    await scramAuthenticate(io, shared, user, (Date.now() - EPOCH_2000_MS) * 1000);
  }
  // AuthenticationOk: what follows (a role or database that does not exist…) is checked after it, as in PostgreSQL
  io.out.begin('R').int32(0).end();
  const role = shared.roles.get(user);
  if (!role) throw fatal('28000', `role "${user}" does not exist`);
  if (!role.canlogin) throw fatal('28000', `role "${user}" is not permitted to log in`);
  const database = shared.databases.get(dbname);
  if (!database) throw fatal('3D000', `database "${dbname}" does not exist`);
  if (!database.allowConn) throw fatal('55000', `database "${dbname}" is not currently accepting connections`);
  if (!role.superuser) {
    if (database.connLimit >= 0 && host.cluster.sessionsOn(dbname) >= database.connLimit) {
      throw fatal('53300', `too many connections for database "${dbname}"`);
    }
    if (role.connlimit >= 0 && host.sessionsOf(user) >= role.connlimit) throw fatal('53300', `too many connections for role "${user}"`);
  }
  const session = new Session(host.cluster.engine(dbname));
  session.user = user;
  session.authenticatedUser = user;
  session.database = dbname;
  session.cluster = host.cluster;
  session.onNotice = io.onNotice;
  // pg_db_role_setting: a value that no longer applies is a WARNING, as in PostgreSQL
  for (const [name, value] of shared.connectionSettings(database, role)) {
    try {
      await session.query(setStatement(name, value));
    } catch (e) {
      const err = e instanceof PgError ? e : new PgError('XX000', String(e));
      io.onNotice({ severity: 'WARNING', code: err.code, message: err.message, detail: err.detail, hint: err.hint });
    }
  }
  for (const [name, value] of startupSettings(p)) {
    if (name.toLowerCase() === 'client_encoding' && !supportedEncoding(value)) {
      throw fatal('0A000', `client encoding "${value}" is not supported`, { hint: 'Relata speaks UTF8 only.' });
    }
    try {
      await session.query(setStatement(name, value));
    } catch (e) {
      const err = e instanceof PgError ? e : new PgError('XX000', String(e));
      throw fatal(err.code, err.message, { detail: err.detail, hint: err.hint });
    }
  }
  return { session, database, role };
}
