import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { businessNow, chinaDate, clockFor, clockSetting, DEMO_TODAY, setClock, thisMonth, thisYear, today } from './clock.ts';

afterEach(() => setClock({ fixedDate: null }));

describe('the business clock', () => {
  it('is the real date in China unless fixed', () => {
    setClock({ fixedDate: null });
    expect(today()).toBe(chinaDate(new Date()));
    expect(Math.abs(businessNow().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('on a fixed date runs through that day at the real time of day in China', () => {
    setClock({ fixedDate: '2011-11-30' });
    expect(today()).toBe('2011-11-30');
    expect(thisMonth()).toBe('2011-11');
    expect(thisYear()).toBe(2011);
    const now = businessNow();
    expect(chinaDate(now)).toBe('2011-11-30');
    const timeOfDay = (t: number) => (t + 8 * 3_600_000) % 86_400_000;
    expect(Math.abs(timeOfDay(now.getTime()) - timeOfDay(Date.now()))).toBeLessThan(1000);
  });

  it('takes XINGFU_TODAY first, the demo date in demo mode, else the real date', () => {
    expect(clockFor({ demo: true, today: null })).toEqual({ fixedDate: DEMO_TODAY });
    expect(clockFor({ demo: false, today: null })).toEqual({ fixedDate: null });
    expect(clockFor({ demo: true, today: '2012-03-01' })).toEqual({ fixedDate: '2012-03-01' });
    expect(clockFor({ demo: true, today: 'real' })).toEqual({ fixedDate: null });
  });

  it('refuses a date that is not in the calendar', () => {
    expect(() => setClock({ fixedDate: '2011-02-30' })).toThrow(/calendar date/);
    expect(clockSetting().fixedDate).toBeNull();
  });

  it('takes the China date of an instant', () => {
    expect(chinaDate(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(chinaDate(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });
});

/**
 * No module reads the system clock for a business purpose: every date a rule or a page uses comes
 * from the clock (src/core/clock.ts on the server, web/src/clock.ts in the browser).
 */
describe('one clock in the source', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));

  /** Files that keep time by the real clock on purpose, and why (a single line says so with `// real clock: why`). */
  const realClock: Record<string, string> = {
    'src/core/clock.ts': 'the clock itself',
    'web/src/clock.ts': 'the clock itself, in the browser',
    'src/modules/auth/queries.ts': 'sessions, sign-in counters and lockouts are security timing',
    'src/modules/auth/service.ts': 'session idle time, lifetime and password age are security timing',
    'src/modules/users/queries.ts': 'account locks are security timing',
    'src/modules/users/service.ts': 'account locks are security timing',
    'src/modules/jobs/queue.ts': 'job leases are process timing',
    'src/modules/jobs/queries.ts': 'job leases are process timing',
    'src/db/lock.ts': 'the data directory lock records when its process started',
    'src/db/migrate.ts': 'when a migration was applied',
    'src/modules/registry/importService.ts': 'uploaded files are removed by their age on disk',
    'web/src/auth/SessionWatcher.tsx': 'the idle timer counts real minutes',
  };

  /** SQL `now()` assigned to a column that records when a row was written, not a business date. */
  const recordKeeping = /\b(updated_at|created_at|recorded_at|exited_at|resolved_at|uploaded_at)\s*=\s*now\(\)/g;
  const readsClock: Array<[RegExp, string]> = [
    [/\bDate\.now\(\)/, 'Date.now()'],
    [/\bnew Date\(\)/, 'new Date()'],
    [/\bdayjs\(\)/, 'dayjs()'],
    [/(?<![.\w])now\(\)/i, 'SQL now()'],
    [/\b(current_date|current_timestamp|localtimestamp|clock_timestamp)\b/i, 'an SQL clock'],
  ];

  function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(rel);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
    });
  }

  it('finds the files it scans', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('web/src')];
    expect(files).toContain('src/modules/coordination/reports.ts');
    expect(files).toContain('web/src/pages/benefits/benefitsFormat.ts');
    for (const file of Object.keys(realClock)) expect(files, file).toContain(file);
  });

  it('has no module reading the system clock outside the clock', () => {
    const found: string[] = [];
    for (const file of [...sourceFiles('src'), ...sourceFiles('web/src')]) {
      if (file in realClock) continue;
      fs.readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\/\/ real clock: \S/.test(line)) return; // a line that says why it keeps real time
          const code = line.replace(recordKeeping, '').replace(/\/\/.*$/, '');
          for (const [pattern, what] of readsClock) if (pattern.test(code)) found.push(`${file}:${i + 1} ${what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('would catch a module reading the system clock', () => {
    const line = 'const cell = judgeCell(department, month, row, settings.dueDay, Date.now());';
    expect(readsClock.some(([pattern]) => pattern.test(line))).toBe(true);
    expect(readsClock.some(([pattern]) => pattern.test('UPDATE x SET updated_at = now()'.replace(recordKeeping, '')))).toBe(false);
  });
});
