// The loopback HTTP bridge serves the register to a browser for the preview and the end-to-end
// suite. It must be reachable from this machine only, by the page that knows the token, under its
// own host name, and must never serve a file from outside the built renderer.
import { request, Server, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/http';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { translate } from '../../shared/i18n';
import { cleanUp, countRows, openTestRegister, petitionForm, type TestRegister } from '../support/register';

const INDEX = '<!doctype html><title>BoEx Register</title><div id="root"></div>';
const APP_JS = 'console.log("the renderer");';
const SECRET = 'student data outside the renderer';

let t: TestRegister;
let bridge: Bridge;
let staticDir: string;

beforeEach(async () => {
  t = openTestRegister();
  // The renderer in <tmp>/renderer; a file beside it that must never be served.
  staticDir = path.join(t.dir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(path.join(t.dir, 'secret.txt'), SECRET);
  bridge = await startBridge({ ctx: t.ctx, staticDir });
});

afterEach(async () => {
  await bridge.close();
  cleanUp();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request: the path goes out exactly as written, and any Host header may be sent. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string; port?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? bridge.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' });

function call(name: string, input: unknown, headers: Record<string, string> = auth()): Promise<Reply> {
  return send({ method: 'POST', path: `/api/${name}`, headers, body: JSON.stringify(input) });
}

describe('calls', () => {
  it('answer the page that sends the token', async () => {
    const reply = await call('register.info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { path: t.file } });
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
  });

  it('reach the services: a petition created over HTTP is in the register', async () => {
    const reply = await call('petitions.create', petitionForm());
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { student: { studentNumber: 's1234567' } } });
    expect(countRows(t.register).petitions).toBe(1);
  });

  const unauthorised: Array<[string, Record<string, string>]> = [
    ['no Authorization header', { 'content-type': 'application/json' }],
    ['an empty token', { authorization: 'Bearer ' }],
    ['a wrong token of the same length', { authorization: `Bearer ${'x'.repeat(32)}` }],
    ['a wrong token of another length', { authorization: 'Bearer guess' }],
    ['the token with "bearer" in lower case', { authorization: 'bearer TOKEN' }],
    ['the token followed by more', { authorization: 'Bearer TOKENx' }],
    ['the token in another header', { 'x-token': 'TOKEN' }],
  ];

  it.each(unauthorised)('refuse %s with 401, and run nothing', async (_what, headers) => {
    const withToken = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', bridge.token)]));
    const reply = await call('petitions.create', petitionForm(), withToken);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'unauthorized', message: translate('en', 'error.unauthorized') } });
    expect(countRows(t.register).petitions).toBe(0);
  });

  it('refuse a call that names a folder on this computer, even with the token', async () => {
    const folder = path.join(t.dir, 'letters');
    const reply = await call('letters.exportMeeting', { meetingId: 1, folder });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'forbidden', message: translate('en', 'error.forbidden') } });
    expect(existsSync(folder)).toBe(false);
  });

  it('refuse the token in the address instead of the header', async () => {
    const reply = await send({ method: 'POST', path: `/api/register.info?token=${bridge.token}`, body: '{}' });
    expect(reply.status).toBe(401);
  });

  it('answer in the language the page asks for', async () => {
    const refused = await call('register.info', {}, { 'x-boex-language': 'nl' });
    expect(JSON.parse(refused.body).error.message).toBe(translate('nl', 'error.unauthorized'));

    const invalid = await call('petitions.create', petitionForm({ ec: 'abc' as unknown as number }), { ...auth(), 'x-boex-language': 'nl' });
    expect(JSON.parse(invalid.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: translate('nl', 'error.invalidInput'), fields: { ec: translate('nl', 'invalid.ec') } },
    });
  });

  it.each([['en'], ['nl']] as const)('answer malformed JSON with the invalid-input sentence (%s)', async (lang) => {
    const reply = await send({ method: 'POST', path: '/api/petitions.create', headers: { ...auth(), 'x-boex-language': lang }, body: '{"studentNumber": "s1234567",' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: translate(lang, 'error.invalidInput') } });
  });

  it('answer an unknown call, even one with a malformed escape, with unknown_call', async () => {
    for (const name of ['petitions.delete', '%ZZ']) {
      const reply = await send({ method: 'POST', path: `/api/${name}`, headers: auth(), body: '{}' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body).error.code).toBe('unknown_call');
    }
  });

  it('refuse any method but POST', async () => {
    const reply = await send({ method: 'GET', path: '/api/register.info', headers: auth() });
    expect(reply.status).toBe(405);
  });

  it('refuse a body over 64 MB with 413, and run nothing', { timeout: 30_000 }, async () => {
    // Streamed in 1 MB chunks, so the test holds one chunk in memory, not 65 MB.
    const started = Date.now();
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, method: 'POST', path: '/api/petitions.create', headers: auth(), agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 65) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(countRows(t.register).petitions).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('the Host header', () => {
  // A page on evil.example that rebinds its name to 127.0.0.1 reaches the port, but its requests
  // carry its own host name: they are refused before the token or the path is even looked at.
  it.each([['evil.example:PORT'], ['localhost:PORT'], ['127.0.0.1'], ['127.0.0.1:1'], ['[::1]:PORT']])('refuses %s with 421', async (host) => {
    const headers = { ...auth(), host: host.replace('PORT', String(bridge.port)) };
    const api = await call('petitions.create', petitionForm(), headers);
    const page = await send({ path: '/', headers });
    for (const reply of [api, page]) {
      expect(reply.status).toBe(421);
      expect(reply.body).not.toContain('BoEx Register</title>');
    }
    expect(countRows(t.register).petitions).toBe(0);
  });
});

describe('static files', () => {
  it('are served from the renderer folder with their media type', async () => {
    const reply = await send({ path: '/assets/app.js' });
    expect(reply).toMatchObject({ status: 200, body: APP_JS });
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([['/'], ['/petitions/12'], ['/settings?tab=letters'], ['/assets/missing.js'], ['/%E0%A4%A'], ['/%']])(
    'fall back to index.html for %s, as the single-page app routes it',
    async (pathname) => {
      const reply = await send({ path: pathname });
      expect(reply).toMatchObject({ status: 200, body: INDEX });
      expect(reply.headers['cache-control']).toBe('no-store');
    },
  );

  const escapes = [
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/..%2fsecret.txt',
    '/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%252fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/....//secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%00/../secret.txt',
    '/secret.txt%00.html',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/./.././secret.txt',
  ];

  it.each(escapes)('never serve a file outside the renderer folder: %s', async (pathname) => {
    const reply = await send({ path: pathname });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toMatch(/root:/);
  });

  it('carry the Content Security Policy and nosniff, as every answer does', async () => {
    const replies = [
      await send({ path: '/' }),
      await send({ path: '/assets/app.js' }),
      await call('register.info', {}),
      await call('register.info', {}, {}),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('refuse other methods than GET and HEAD', async () => {
    expect((await send({ method: 'POST', path: '/index.html' })).status).toBe(405);
    expect((await send({ method: 'HEAD', path: '/' })).status).toBe(200);
  });
});

/** Resolves with the error code of a TCP connection attempt, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

describe('the listening socket', () => {
  it('is bound to 127.0.0.1 only', async () => {
    // Catch the server startBridge creates, to ask it where it listens.
    const listen = vi.spyOn(Server.prototype, 'listen');
    const other = await startBridge({ ctx: t.ctx, staticDir });
    try {
      const server = listen.mock.contexts[0] as Server;
      expect(server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: other.port });
      // Not the wildcard address: another loopback address of this machine finds nothing there.
      expect(await tryConnect('127.0.0.2', other.port)).toBe('ECONNREFUSED');
      expect(await tryConnect('127.0.0.1', other.port)).toBe('connected');
    } finally {
      listen.mockRestore();
      await other.close();
    }
  });

  it('is freed by close(), even with a connection still open', async () => {
    const other = await startBridge({ ctx: t.ctx, staticDir });
    const idle = connect({ host: '127.0.0.1', port: other.port });
    await new Promise((resolve) => idle.once('connect', resolve));

    await other.close();

    expect(await tryConnect('127.0.0.1', other.port)).toBe('ECONNREFUSED');
    const again = createNetServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(other.port, '127.0.0.1', () => resolve());
    });
    expect((again.address() as AddressInfo).port).toBe(other.port);
    await new Promise((resolve) => again.close(resolve));
    idle.destroy();
  });
});
