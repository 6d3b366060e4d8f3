import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../web/src/i18n/zh-CN.ts';
import { auditActionLabels } from '../../../web/src/i18n/labels.ts';
import { halfWidthSlips } from './punctuation.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every `.ts` file under `dir`, tests left out. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
    .map((f) => path.join(f.parentPath, f.name));
}

describe('full-width punctuation in Chinese text', () => {
  it('finds a half-width mark beside Chinese, not in numbers, times or English', () => {
    expect(halfWidthSlips('依据:国办发(2004)')).toHaveLength(2);
    expect(halfWidthSlips('10,000 元；09:30 开始 (WHO)')).toEqual([]);
    expect(halfWidthSlips('Weight (kg), height')).toEqual([]);
  });

  it('is used throughout the zh-CN messages', () => {
    const labels = Object.entries(auditActionLabels).map(([key, label]) => [key, label['zh-CN']] as const);
    const slips = [...Object.entries(zhCN), ...labels].flatMap(([key, text]) => halfWidthSlips(text).map((slip) => `${key}: ${slip}`));
    expect(slips).toEqual([]);
  });

  it('is used in the Chinese texts the server sends (zh: … in src/)', () => {
    const slips: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:zh|'zh-CN'):\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
        for (const slip of halfWidthSlips(m[2] ?? '')) slips.push(`${path.relative(root, file)}: ${slip}`);
      }
    }
    expect(slips).toEqual([]);
  });
});
