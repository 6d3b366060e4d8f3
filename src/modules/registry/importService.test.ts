import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportService } from './importService.ts';

describe('uploaded rosters', () => {
  it('are deleted a week after a preview nobody confirmed or cancelled; other files stay', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-uploads-'));
    const put = (name: string, daysOld: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x');
      const when = new Date(Date.now() - daysOld * 86_400_000);
      fs.utimesSync(file, when, when);
    };
    put('old.upload', 8);
    put('recent.upload', 6);
    put('old.keep', 30);
    ImportService.sweepUploads(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['old.keep', 'recent.upload']);
    ImportService.sweepUploads(path.join(dir, 'missing'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
