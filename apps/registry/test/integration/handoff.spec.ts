import { EventEmitter } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import pino from 'pino';
import { HandoffReceiver } from '../../src/http/handoff';

// The registry's side of connection handoff, on real TCP connections: a plain TCP listener
// stands in for the proxy, and an EventEmitter for the launcher's IPC channel delivering
// ('message', { type, head }, socket) as node's child_process does.

let http: Server;
let front: TcpServer;
let channel: EventEmitter;
const served: string[] = [];

beforeEach(async () => {
  served.length = 0;
  const receiver = new HandoffReceiver();
  http = createHttpServer(
    receiver.guard((req: IncomingMessage, res: ServerResponse) => {
      served.push(`${req.method} ${req.url}`);
      res.end(`served ${req.url}`);
    }),
  );
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  channel = new EventEmitter();
  receiver.listen(http, channel as unknown as NodeJS.Process, pino({ level: 'silent' }));
  front = createTcpServer();
  await new Promise<void>((ok) => front.listen(0, '127.0.0.1', ok));
});

afterEach(async () => {
  http.closeAllConnections();
  await new Promise((ok) => http.close(ok));
  await new Promise((ok) => front.close(ok));
});

/** Connects a client to the stand-in proxy, which hands the accepted socket over with `head`. */
async function handOff(head: string, message: object = { type: 'harbor:handoff', head }): Promise<Socket> {
  const accepted = new Promise<Socket>((ok) => front.once('connection', ok));
  const client = connect((front.address() as AddressInfo).port, '127.0.0.1');
  const socket = await accepted;
  channel.emit('message', message, socket);
  return client;
}

function readAll(client: Socket): Promise<string> {
  return new Promise((ok, fail) => {
    let text = '';
    client.on('data', (c: Buffer) => (text += c.toString('latin1')));
    client.on('end', () => ok(text));
    client.on('error', fail);
  });
}

describe('HandoffReceiver', () => {
  it('serves the handed-over request on the client socket', async () => {
    const client = await handOff('GET /v2/a/blobs/x HTTP/1.1\r\nhost: h\r\nconnection: close\r\n\r\n');
    const answer = await readAll(client);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('served /v2/a/blobs/x');
    expect(served).toEqual(['GET /v2/a/blobs/x']);
  });

  it('refuses a second request on a handed-off connection by closing it, even when asked to keep it alive', async () => {
    const client = await handOff('GET /v2/a/blobs/x HTTP/1.1\r\nhost: h\r\n\r\n');
    const answer = readAll(client);
    client.write('DELETE /v2/a/blobs/x HTTP/1.1\r\nhost: h\r\n\r\n');
    expect(await answer).toContain('served /v2/a/blobs/x');
    expect(served).toEqual(['GET /v2/a/blobs/x']);
  });

  it('leaves connections that came in directly to the normal keep-alive rules', async () => {
    const client = connect((http.address() as AddressInfo).port, '127.0.0.1');
    const answer = readAll(client);
    client.write('GET /one HTTP/1.1\r\nhost: h\r\n\r\nGET /two HTTP/1.1\r\nhost: h\r\nconnection: close\r\n\r\n');
    expect(await answer).toContain('served /two');
    expect(served).toEqual(['GET /one', 'GET /two']);
  });

  it('ignores other IPC messages and drops an oversized head without serving it', async () => {
    channel.emit('message', 'ready');
    channel.emit('message', { type: 'something-else' });
    const client = await handOff(`GET /big HTTP/1.1\r\nx: ${'a'.repeat(70 * 1024)}\r\n\r\n`);
    expect(await readAll(client)).toBe('');
    expect(served).toEqual([]);
  });
});
