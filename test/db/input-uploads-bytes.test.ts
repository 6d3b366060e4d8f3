import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/modules/coordination/reports.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';
import { expectRefused as expectRefusedBy, fingerprint as fingerprintOf, NUL, type Case } from '../refusals.ts';

/**
 * Malformed uploads (multipart bodies cut short, over their limits, or with NUL and control
 * characters in names and fields) sent to both upload routes: each is answered with a stable code,
 * quickly, the connection stays usable, and nothing is written.
 */

let t: TestApp;
let yangcun: Client;
let office: Client;
let agri: Client;
const period = currentMonth();

beforeAll(async () => {
  t = await startTestApp();
  [yangcun, office, agri] = (await Promise.all(['township.yangcun', 'office', 'liaison.agri'].map((u) => login(t.app, u)))) as [Client, Client, Client];
}, 120_000);
afterAll(async () => t.close());

const fingerprint = () => fingerprintOf(t);
const expectRefused = (cases: Case[]) => expectRefusedBy(t, cases);
const rawPost = (c: Client, url: string, payload: string | Buffer, contentType: string) =>
  t.app.inject({ method: 'POST', url, payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': contentType } });

const boundary = 'xingfu-test-boundary';
const part = (name: string, value: string, fileName?: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${fileName === undefined ? '' : `; filename="${fileName}"`}\r\n` +
  `${fileName === undefined ? '' : 'Content-Type: application/octet-stream\r\n'}\r\n${value}\r\n`;
const end = `--${boundary}--\r\n`;
const multipart = `multipart/form-data; boundary=${boundary}`;
const importUrl = '/api/registry/imports';
const attachUrl = `/api/coord/reports/agri-tech/${period}/attachments`;

describe('malformed uploads: multipart bodies', () => {
  it('answers malformed multipart bodies 400 with a stable code, quickly, and keeps nothing', async () => {
    const cases: Case[] = [];
    for (const [who, url] of [
      [yangcun, importUrl],
      [agri, attachUrl],
    ] as const) {
      cases.push(
        { label: `${url}: no boundary`, send: () => rawPost(who, url, part('file', 'abc', 'a.csv') + end, 'multipart/form-data'), code: 'upload_malformed' },
        {
          label: `${url}: empty boundary`,
          send: () => rawPost(who, url, part('file', 'abc', 'a.csv') + end, 'multipart/form-data; boundary='),
          code: 'upload_malformed',
        },
        {
          label: `${url}: boundary too long`,
          send: () => rawPost(who, url, 'x', `multipart/form-data; boundary=${'b'.repeat(300)}`),
          code: 'upload_malformed',
        },
        {
          label: `${url}: truncated in the file`,
          send: () => rawPost(who, url, part('file', 'abc'.repeat(1000), 'a.csv').slice(0, 600), multipart),
          code: 'upload_malformed',
        },
        {
          label: `${url}: truncated in a part header`,
          send: () => rawPost(who, url, `--${boundary}\r\nContent-Disposition: form-da`, multipart),
          code: 'upload_malformed',
        },
        { label: `${url}: no parts at all`, send: () => rawPost(who, url, end, multipart) },
        { label: `${url}: not multipart`, send: () => rawPost(who, url, '{}', 'application/json'), status: 415, code: 'unsupported_media_type' },
        { label: `${url}: garbage`, send: () => rawPost(who, url, Buffer.from([0, 1, 2, 255, 254]), multipart), code: 'upload_malformed' },
        {
          label: `${url}: too many fields`,
          send: () => rawPost(who, url, Array.from({ length: 50 }, (_, i) => part(`f${i}`, 'x')).join('') + part('file', 'abc', 'a.csv') + end, multipart),
          code: 'upload_too_many_parts',
        },
        {
          label: `${url}: too many files`,
          send: () => rawPost(who, url, Array.from({ length: 5 }, (_, i) => part('file', 'abc', `a${i}.csv`)).join('') + end, multipart),
          code: 'upload_too_many_parts',
        },
        { label: `${url}: NUL in the file name`, send: () => rawPost(who, url, part('file', 'abc', 'a\u0000.csv') + end, multipart) },
        {
          label: `${url}: NUL in the encoded file name`,
          send: () =>
            rawPost(who, url, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''a%00b.csv\r\n\r\nabc\r\n${end}`, multipart),
        },
        {
          label: `${url}: control character in the encoded file name`,
          send: () =>
            rawPost(who, url, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''a%07b.csv\r\n\r\nabc\r\n${end}`, multipart),
        },
        {
          label: `${url}: NUL in the file type`,
          send: () =>
            rawPost(
              who,
              url,
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/\u0000csv\r\n\r\nabc\r\n${end}`,
              multipart,
            ),
        },
        { label: `${url}: NUL in a field`, send: () => rawPost(who, url, part('township', NUL) + part('file', 'abc', 'a.csv') + end, multipart) },
      );
    }
    const started = Date.now();
    await expectRefused(cases);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 300_000);
});

describe('malformed uploads: over a real socket', () => {
  /** The port of the app listening on a real socket (started on first use). */
  const listening = async () => {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };

  it('refuses an upload and still answers the next request on the same connection', async () => {
    const port = await listening();
    const before = await fingerprint();
    const bodies = [
      Array.from({ length: 50 }, (_, i) => part(`f${i}`, 'x')).join('') + part('file', 'abc'.repeat(200_000), 'a.csv') + end,
      part('file', 'abc'.repeat(200_000), 'a\u0007.csv') + end,
    ];
    for (const body of bodies) {
      const replies = await new Promise<string[]>((resolve) => {
        let data = '';
        const statuses = () => data.match(/HTTP\/1\.1 \d+/g) ?? [];
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(
            `POST ${attachUrl} HTTP/1.1\r\nHost: x\r\nCookie: ${agri.cookie}\r\nX-CSRF-Token: ${agri.csrfToken}\r\n` +
              `Content-Type: ${multipart}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
          );
          socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
        });
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
          data += chunk;
          if (statuses().length >= 2) socket.destroy();
        });
        socket.on('close', () => resolve(statuses()));
        socket.setTimeout(10_000, () => socket.destroy());
      });
      expect(replies).toEqual(['HTTP/1.1 400', 'HTTP/1.1 200']);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('answers an upload whose sender stops half-way, over a real socket', async () => {
    const port = await listening();
    const before = await fingerprint();
    const body = part('file', 'abc'.repeat(1000), 'a.csv').slice(0, 600);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          `POST ${attachUrl} HTTP/1.1\r\nHost: x\r\nCookie: ${agri.cookie}\r\nX-CSRF-Token: ${agri.csrfToken}\r\n` +
            `Content-Type: ${multipart}\r\nContent-Length: ${Buffer.byteLength(body) + 10_000}\r\n\r\n${body}`,
        );
        socket.end();
      });
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => {
        socket.destroy();
        reject(new Error(`no answer within 10 s: ${data}`));
      });
    });
    // The sender gave up: either a 400 answers it or the connection is simply closed; never a 5xx, never a hang.
    expect(reply).not.toMatch(/^HTTP\/1\.1 5/);
    if (reply !== '') expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(await fingerprint()).toEqual(before);
    expect((await office.get('/api/coord/desk')).statusCode).toBe(200);
  });
});
