import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { PullRecorder } from '../../src/v2/pull-recorder';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { pushImage } from './artifacts-fixtures';
import { expectHarborError } from './users-helpers';

// The audit settings of /configurations: forwarding to a real TCP syslog server, skipping the
// database, and disabled event types.

/** A syslog receiver on a loopback port: the lines it got, and its open connections. */
class SyslogServer {
  readonly lines: string[] = [];
  readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => {
    this.sockets.add(socket);
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    socket.on('close', () => this.sockets.delete(socket));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits for a line containing `text`. */
  async lineWith(text: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const line = this.lines.find((l) => l.includes(text));
      if (line) return line;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no syslog line with ${text}; got ${JSON.stringify(this.lines)}`);
  }

  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  stop(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let stack: TestStack;
let admin: ApiClient;
let db: DataSource;
let syslog: SyslogServer;
let endpoint: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = new ApiClient(stack.url).as(ADMIN);
  db = stack.core.deps.db;
  syslog = new SyslogServer();
  endpoint = await syslog.start();
});
afterAll(async () => {
  await stack.stop();
  await syslog.stop();
});
afterEach(async () => {
  const reset = { audit_log_forward_endpoint: '', skip_audit_log_database: false, disabled_audit_log_event_types: '' };
  expect((await admin.put('/api/v2.0/configurations', reset)).status).toBe(200);
});

async function createProject(): Promise<string> {
  const name = uniqueName('fwd');
  const res = await admin.post('/api/v2.0/projects', { project_name: name, metadata: { public: 'false' } });
  expect(res.status).toBe(201);
  return name;
}

const rows = async (resource: string) => db.query(`SELECT operation, resource_type FROM audit_log_ext WHERE resource = $1 ORDER BY id`, [resource]);
const properties = async () => db.query('SELECT k, v FROM properties ORDER BY k');

describe('audit_log_forward_endpoint', () => {
  it('forwards each entry as one RFC 5424 line over TCP, and still writes the row', async () => {
    expect((await admin.put('/api/v2.0/configurations', { audit_log_forward_endpoint: endpoint })).status).toBe(200);
    // The configuration change is itself audited, already under the new setting.
    expect(await syslog.lineWith('operation="update" resourceType="configuration"')).toContain('operator="admin"');
    const name = await createProject();
    const line = await syslog.lineWith(`resource="${name}"`);
    expect(line).toMatch(
      new RegExp(`^<14>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [\\x21-\\x7e]+ harbor \\d+ audit - operator="admin" operation="create" resourceType="project" resource="${name}" projectId=\\d+ result="success" description=".+"$`),
    );
    expect(await rows(name)).toEqual([{ operation: 'create', resource_type: 'project' }]);
  });

  it('keeps each entry on one line whatever the values hold', async () => {
    expect((await admin.put('/api/v2.0/configurations', { audit_log_forward_endpoint: endpoint })).status).toBe(200);
    // A failed login is audited with the principal as given, line breaks included.
    const principal = 'evil\nname "quoted"';
    const res = await fetch(`${stack.url}/c/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ principal, password: 'x' }).toString(),
    });
    expect(res.status).toBe(401);
    const line = await syslog.lineWith('evil\\nname \\"quoted\\"');
    expect(line).toContain('result="failure"');
    expect(syslog.lines.filter((l) => !l.startsWith('<14>1 '))).toEqual([]);
  });

  it('opens a new connection after the server dropped the old one', async () => {
    expect((await admin.put('/api/v2.0/configurations', { audit_log_forward_endpoint: endpoint })).status).toBe(200);
    await syslog.lineWith('resourceType="configuration"');
    syslog.dropConnections();
    await new Promise((r) => setTimeout(r, 100));
    const name = await createProject();
    await syslog.lineWith(`resource="${name}"`);
    expect(syslog.sockets.size).toBe(1);
  });

  it('never fails the audited request when the endpoint is down', async () => {
    const closed = new SyslogServer();
    const down = await closed.start();
    await closed.stop();
    expect((await admin.put('/api/v2.0/configurations', { audit_log_forward_endpoint: down })).status).toBe(200);
    const name = await createProject();
    expect(await rows(name)).toEqual([{ operation: 'create', resource_type: 'project' }]);
  });

  it.each([['no port', 'syslog.example.com'], ['a URL', 'tcp://127.0.0.1:514'], ['port 0', '127.0.0.1:0'], ['a port above 65535', 'host:70000'], ['a number', 514]])(
    'refuses %s with 400 and stores nothing',
    async (_what, value) => {
      const before = await properties();
      expectHarborError(await admin.put('/api/v2.0/configurations', { audit_log_forward_endpoint: value }), 400, 'BAD_REQUEST', /audit_log_forward_endpoint/);
      expect(await properties()).toEqual(before);
    },
  );
});

describe('skip_audit_log_database', () => {
  it('writes no rows but still forwards', async () => {
    const body = { audit_log_forward_endpoint: endpoint, skip_audit_log_database: true };
    expect((await admin.put('/api/v2.0/configurations', body)).status).toBe(200);
    const name = await createProject();
    await syslog.lineWith(`resource="${name}"`);
    expect(await rows(name)).toEqual([]);
    expect((await admin.get<{ skip_audit_log_database: { value: boolean } }>('/api/v2.0/configurations')).body.skip_audit_log_database.value).toBe(true);
  });

  it('refuses a non-boolean with 400', async () => {
    const before = await properties();
    expectHarborError(await admin.put('/api/v2.0/configurations', { skip_audit_log_database: 'yes' }), 400, 'BAD_REQUEST');
    expect(await properties()).toEqual(before);
  });
});

describe('disabled_audit_log_event_types', () => {
  it('records neither a row nor a syslog line for a disabled type; other types go on', async () => {
    const body = { audit_log_forward_endpoint: endpoint, disabled_audit_log_event_types: 'create_project, Delete_Repository' };
    expect((await admin.put('/api/v2.0/configurations', body)).status).toBe(200);
    const name = await createProject();
    expect((await admin.delete(`/api/v2.0/projects/${name}`)).status).toBe(200);
    await syslog.lineWith(`operation="delete" resourceType="project" resource="${name}"`);
    expect(syslog.lines.some((l) => l.includes(`operation="create" resourceType="project" resource="${name}"`))).toBe(false);
    expect(await rows(name)).toEqual([{ operation: 'delete', resource_type: 'project' }]);
  });

  it('applies to pulls, which are recorded in batches', async () => {
    const name = await createProject();
    await pushImage(stack.url, `${name}/app`, 'v1');
    const body = { audit_log_forward_endpoint: endpoint, disabled_audit_log_event_types: 'pull_artifact' };
    expect((await admin.put('/api/v2.0/configurations', body)).status).toBe(200);
    const pull = await fetch(`${stack.url}/v2/${name}/app/manifests/v1`, { headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(pull.status).toBe(200);
    await stack.core.app.get(PullRecorder).flush();
    expect(await rows(`${name}/app:v1`)).toEqual([{ operation: 'create', resource_type: 'artifact' }]);
    expect(syslog.lines.some((l) => l.includes(`resource="${name}/app:v1"`))).toBe(false);
    // The pull itself still counts.
    expect(await db.query(`SELECT pull_count FROM repository WHERE name = $1`, [`${name}/app`])).toEqual([{ pull_count: 1 }]);
  });

  it('refuses unknown event types with 400 and stores nothing', async () => {
    const before = await properties();
    const res = await admin.put('/api/v2.0/configurations', { disabled_audit_log_event_types: 'create_project,drop_everything' });
    expectHarborError(res, 400, 'BAD_REQUEST', /drop_everything/);
    expect(await properties()).toEqual(before);
  });
});
