/**
 * One module shape (ARCHITECTURE.md): SQL lives in queries files (`queries.ts`, `<area>Queries.ts`),
 * the migrations, src/db and the demo loader in src/seed — never in a route, a service, a command or the server's wiring.
 * This test reads src/modules, src/cli and src/server and fails on a statement anywhere else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../', import.meta.url));

/** A call that runs SQL, or the start of a statement in a string. */
const SQL = [/\.(query|copyIn)\s*[<(]/, /\.exec\(\s*[`'"]/, /[`'"]\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WITH \w+ AS)\b/];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const isQueries = (file: string): boolean => /(^|[a-z])([qQ]ueries)\.ts$/.test(path.basename(file));

describe('the module shape', () => {
  it('keeps SQL out of routes, services and commands', () => {
    const found: string[] = [];
    for (const file of ['modules', 'cli', 'server'].flatMap((dir) => files(path.join(src, dir))).filter((f) => !isQueries(f))) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.trim().startsWith('//') && !line.trim().startsWith('*') && SQL.some((p) => p.test(line)))
            found.push(`${path.relative(src, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('finds SQL where it is written', () => {
    const line = "    await tx.query('SELECT 1');";
    expect(SQL.some((p) => p.test(line))).toBe(true);
    expect(SQL.some((p) => p.test('const re = /x/.exec(text);'))).toBe(false);
  });
});
