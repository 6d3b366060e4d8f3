import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber, rosterWorkbook, row } from '../fixtures/roster.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

/**
 * Uploads as an attacker or a bad connection sends them: cut short, without a boundary, with
 * too many fields, twice at once. Each gets a quick, clear answer and leaves no file behind.
 */
describe('roster uploads', () => {
  let t: TestApp;
  let c: Client;
  let base: URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-uploads-'));
  const uploads = path.join(dataDir, 'uploads');
  const files = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads) : []);
  beforeAll(async () => {
    t = await startTestApp({ dataDir });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = new URL(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    c = await login(t.app, 'township.yangcun');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends raw bytes as a request and reads the status line, or 'closed' if the connection ended without one; fails after 10 s. */
  const raw = (headers: Record<string, string>, body: Buffer, { hangUp = false } = {}) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(base.port), base.hostname);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no answer within 10 s'));
      }, 10_000);
      let reply = '';
      const done = (line: string) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(line);
      };
      socket.on('data', (d) => {
        reply += d.toString('latin1');
        if (reply.includes('\r\n')) done(reply.split('\r\n')[0] as string);
      });
      socket.on('close', () => done(reply.split('\r\n')[0] || 'closed'));
      socket.on('error', () => undefined);
      const head = Object.entries({ host: base.host, cookie: c.cookie, 'x-csrf-token': c.csrfToken, connection: 'close', ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      socket.write(`POST /api/registry/imports HTTP/1.1\r\n${head}\r\n\r\n`);
      socket.write(body);
      // A client waits for the answer; one that hangs up after sending too little is gone before it.
      if (hangUp) setTimeout(() => socket.end(), 300);
    });

  const roster = async () =>
    rosterWorkbook([
      row({ householdNumber: 'UP1', village: '和平里社区', name: '上传', relation: '户主', idNumber: idNumber('19700707', 311), hukou: '农业' }),
    ]);
  const part = (boundary: string, content: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
    ]);

  it('answers a body cut short, one without a boundary and one with fifty fields at once with a 4xx, leaving no file', async () => {
    const content = await roster();
    const boundary = 'xingfuBoundary';
    const cut = part(boundary, content.subarray(0, 2000));
    expect(await raw({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(cut.length) }, cut)).toMatch(/^HTTP\/1.1 4\d\d/);
    const whole = Buffer.concat([part(boundary, content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    expect(await raw({ 'content-type': 'multipart/form-data', 'content-length': String(whole.length) }, whole)).toMatch(/^HTTP\/1.1 4\d\d/);
    const fields = Buffer.concat([
      ...Array.from({ length: 50 }, (_, i) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`)),
      part(boundary, content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(await raw({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(fields.length) }, fields)).toMatch(
      /^HTTP\/1.1 4\d\d/,
    );
    expect(files()).toEqual([]);
    // Announced longer than sent: the connection ends early.
    expect(
      await raw({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(cut.length + 5000) }, cut, { hangUp: true }),
    ).toMatch(/^(HTTP\/1.1 4\d\d|closed)/);
    await expect.poll(files, { timeout: 5_000 }).toEqual([]);
  });

  it('previews the same roster uploaded twice at once, and applies both without an error or a second person', async () => {
    const content = await roster();
    const upload = async () => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(content)]), 'r.xlsx');
      const res = await fetch(new URL('/api/registry/imports', base), { method: 'POST', body, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken } });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    const settle = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const job = (await c.get(`/api/registry/imports/${id}`)).json() as {
          state: string;
          error: string | null;
          result: { imported: number; unchanged: number } | null;
        };
        if (job.state === 'done' || job.state === 'failed') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('import did not finish');
    };
    const previews = await Promise.all([upload(), upload()]);
    await Promise.all(previews.map(settle));
    const applies = await Promise.all(previews.map(async (id) => ((await c.post(`/api/registry/imports/${id}/apply`)).json() as { id: string }).id));
    const results = await Promise.all(applies.map(settle));
    expect(results.map((r) => r.state)).toEqual(['done', 'done']);
    expect(results.map((r) => r.result?.imported).sort()).toEqual([0, 1]);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE name = '上传'`);
    expect(rows[0]?.n).toBe(1);
    expect(files()).toEqual([]); // applied uploads are deleted
  });
});
