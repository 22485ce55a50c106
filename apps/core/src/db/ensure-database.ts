import type { DatabaseConfig } from '@harbor-ts/config';
import { Client } from 'pg';

/**
 * Creates the configured database when the server has none of that name, as Harbor's bundled
 * database image does on first start. Returns true when it created one.
 */
export async function ensureDatabase(db: DatabaseConfig): Promise<boolean> {
  const probe = client(db, db.database);
  try {
    await probe.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => undefined);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(db.database)) throw new Error(`cannot create database with name ${db.database}`);
  const admin = client(db, 'postgres');
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${db.database}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile by a replica
  } finally {
    await admin.end();
  }
  return true;
}

function client(db: DatabaseConfig, database: string): Client {
  return new Client({ host: db.host, port: db.port, user: db.user, password: db.password, database, ssl: db.ssl ? { rejectUnauthorized: false } : false });
}
