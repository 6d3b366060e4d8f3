#!/usr/bin/env node
// `npm test`: everything the tests need beyond npm, then every tier. Nothing is skipped: a
// missing dependency stops the run with the command that installs it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const FONTS = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** poppler-utils: the browser tests read the text of printed PDFs. */
const PDFTOTEXT = '/usr/bin/pdftotext';

function ensureDebianPackages() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!fs.existsSync(FONTS)) missing.push('fonts-noto-cjk');
  if (!fs.existsSync(PDFTOTEXT)) missing.push('poppler-utils');
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The browser tests need Debian packages that are missing: ${missing.join(', ')}.\nRun:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} from Debian…`);
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is still missing after the install`);
    process.exit(1);
  }
}

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${label} failed`);
    process.exit(result.status ?? 1);
  }
}

ensureDebianPackages();
run('lint', 'npm', ['run', 'lint']);
run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('unit tests', 'npx', ['vitest', 'run', '--project', 'unit']);
run('database and API tests (embedded engine)', 'npx', ['vitest', 'run', '--project', 'db'], { XINGFU_TEST_DATABASE_URL: '' });
run('web build', 'npm', ['run', 'build']);
run('browser tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']);
