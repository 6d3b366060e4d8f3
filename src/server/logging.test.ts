import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggedUrl, loggerOptions } from './logging.ts';

const ID = '120114195003021236';
const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('loggedUrl', () => {
  it('keeps paging, sorting and filters, and redacts every other query value', () => {
    expect(loggedUrl(`/api/registry/persons?q=${ID}&page=2&pageSize=20&sort=name&order=asc&village=120114001201`)).toBe(
      '/api/registry/persons?q=[redacted]&page=2&pageSize=20&sort=name&order=asc&village=120114001201',
    );
    expect(loggedUrl(`/api/registry/persons/export?q=${encodeURIComponent('张晓明')}`)).toBe('/api/registry/persons/export?q=[redacted]');
    expect(loggedUrl('/api/audit?actor=zhang.wei&action=auth')).toBe('/api/audit?actor=[redacted]&action=auth');
    expect(loggedUrl('/api/health')).toBe('/api/health');
    expect(loggedUrl('/api/health?')).toBe('/api/health?');
    expect(loggedUrl('/api/x?flag&page=1')).toBe('/api/x?flag&page=1');
  });

  it('masks ID and phone numbers left in a path, a parameter name or a kept value, full-width or percent-encoded too', () => {
    expect(loggedUrl(`/api/registry/persons/${ID}/13812345678`)).toBe('/api/registry/persons/120114********1236/138****5678');
    expect(loggedUrl(`/api/x/${encodeURIComponent(fullWidth(ID))}`)).toBe('/api/x/120114********1236');
    expect(loggedUrl(`/api/x?${ID}=1&page=${fullWidth('13812345678')}`)).toBe('/api/x?120114********1236=[redacted]&page=138****5678');
    expect(loggedUrl('/api/x/%E4%B8%AD%ZZ')).toBe('/api/x/%E4%B8%AD%ZZ');
  });
});

describe('the server log', () => {
  it('writes the request URL through loggedUrl and masks error messages', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: loggerOptions('info', stream) });
    app.get('/fail', async () => {
      throw new Error(`no person ${ID} with phone 13812345678`);
    });
    await app.inject({ method: 'GET', url: `/fail?q=${ID}&page=1` });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"url":"/fail?q=[redacted]&page=1"');
    expect(log).toContain('no person 120114********1236 with phone 138****5678');
    expect(log).not.toContain(ID);
    expect(log).not.toContain('13812345678');
  });
});
