import pino from 'pino';
import { createPool, isConnectionError, patientDatabase, poolDatabase } from '../src/db';
import { freePort } from './support/private-servers';

// Which real failures the runner's writes wait out: a server that cannot be reached, yes; a
// wrong statement or a pool this process ended, no (those fail at once).

const log = pino({ level: 'silent' });
const shared = { host: '127.0.0.1', port: 5432, database: 'postgres', user: 'postgres', password: '', ssl: false, poolMax: 1, idleTimeoutMs: 1_000 };

test('a refused connection is a connection error; a SQL error and an ended pool are not', async () => {
  const nobody = createPool({ ...shared, port: await freePort() }, log);
  const refused = await nobody.query('SELECT 1').catch((err: unknown) => err);
  await nobody.end();
  expect(isConnectionError(refused)).toBe(true);

  const pool = createPool(shared, log);
  const sqlError = await pool.query('SELECT * FROM no_such_table_here').catch((err: unknown) => err);
  await pool.end();
  const ended = await pool.query('SELECT 1').catch((err: unknown) => err);
  expect(sqlError).toMatchObject({ code: '42P01' });
  expect(isConnectionError(sqlError)).toBe(false);
  expect(isConnectionError(ended)).toBe(false);
});

test('a patient database gives up on an unreachable server after its patience, and at once on a SQL error', async () => {
  const nobody = createPool({ ...shared, port: await freePort() }, log);
  const started = Date.now();
  await expect(patientDatabase(poolDatabase(nobody), log, 1_000).query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(700); // retried after 250 and 500 ms
  await nobody.end();

  const pool = createPool(shared, log);
  const quick = Date.now();
  await expect(patientDatabase(poolDatabase(pool), log).transaction((tx) => tx.query('SELECT * FROM no_such_table_here'))).rejects.toMatchObject({ code: '42P01' });
  expect(Date.now() - quick).toBeLessThan(1_000);
  await pool.end();
}, 30_000);
