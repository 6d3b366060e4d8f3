import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFile } from './roll.ts';

describe('writing an export to a file', () => {
  it('leaves the whole file when the writer succeeds, and nothing when it refuses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-tofile-'));
    const good = path.join(dir, 'bank.csv');
    await toFile(good, async (out) => {
      out.write('a,b\n');
      out.end('TOTAL,1,1,r\n');
    });
    expect(fs.readFileSync(good, 'utf8')).toBe('a,b\nTOTAL,1,1,r\n');
    const refused = path.join(dir, 'roll.xlsx');
    await expect(
      toFile(refused, async (out) => {
        out.write('half');
        throw new Error('the roll is not approved');
      }),
    ).rejects.toThrow('not approved');
    await expect(
      toFile(path.join(dir, 'early.xlsx'), async () => {
        throw new Error('refused at once');
      }),
    ).rejects.toThrow('at once');
    expect(fs.readdirSync(dir)).toEqual(['bank.csv']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
