// The loopback HTTP bridge: the same calls as the Electron IPC, for the built renderer running in
// an ordinary browser (the preview and the end-to-end tests). It listens on 127.0.0.1 only, every
// call needs the random token printed at start, and the Host header must be our own address so a
// web page elsewhere cannot reach the register through DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isLanguage, translate, type Language } from '../../shared/i18n';
import type { ServiceContext } from '../services/context';
import { dispatchAsync } from '../services/dispatch';
import { recordFault } from '../services/faults';
import { CONTENT_SECURITY_POLICY, LANGUAGE_HEADER } from '../../shared/csp';
import { NOT_FOR_PAGES } from '../../shared/letters';

/** Attachments travel as base64 inside the JSON body, so the limit is generous but bounded. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface Bridge {
  /** The address to open, with the token in it. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  ctx: ServiceContext;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
}

export async function startBridge({ ctx, staticDir, port = 0 }: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url');
  const root = path.resolve(staticDir);
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      recordFault(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', translate('en', 'error.internal'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== origin) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://${origin}`);
    if (url.pathname.startsWith('/api/')) return handleCall(req, res, decodePath(url.pathname.slice(5)));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    return serveStatic(res, url.pathname);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const requested = req.headers[LANGUAGE_HEADER];
    const lang: Language = isLanguage(requested) ? requested : 'en';
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (!authorised(req.headers.authorization)) {
      return json(res, 401, { ok: false, error: { code: 'unauthorized', message: translate(lang, 'error.unauthorized') } });
    }
    if (NOT_FOR_PAGES.includes(name)) {
      return json(res, 403, { ok: false, error: { code: 'forbidden', message: translate(lang, 'error.forbidden') } });
    }
    const body = await readBody(req);
    if (body === null) return json(res, 413, { ok: false, error: { code: 'too_large', message: translate(lang, 'invalid.tooLong') } });
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return json(res, 400, { ok: false, error: { code: 'invalid_input', message: translate(lang, 'error.invalidInput') } });
    }
    return json(res, 200, await dispatchAsync(ctx, name, input, lang));
  }

  function authorised(header: string | undefined): boolean {
    const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const requested = path.resolve(root, `.${path.posix.normalize(decodePath(pathname))}`);
    const inside = requested === root || requested.startsWith(root + path.sep);
    const file = inside && (await isFile(requested)) ? requested : path.join(root, 'index.html');
    const type = MEDIA_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.setHeader('Cache-Control', file.endsWith('index.html') ? 'no-store' : 'max-age=3600');
    send(res, 200, type, await readFile(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `127.0.0.1:${actualPort}`;
  return {
    url: `http://${origin}/?token=${token}`,
    port: actualPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A malformed escape (%E0%A4%A) is a bad address, not a fault: keep it as typed, so it matches nothing. */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Read on and drop the rest rather than destroy the socket: a destroyed socket takes the
      // 413 reply with it, and the client sees only a reset connection.
      chunks.length = 0;
      resolve(null);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}
