/**
 * `xingfu portal check`: the portal's integrity check from outside, run by an operator or a
 * monitoring job. Exit code 0 when the public address serves exactly the approved pages, 1 when
 * there are findings, 2 when the check could not run (wrong arguments, no database, no key).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { CheckResult } from '../modules/portal/check.ts';
import { runPortalCheck } from '../modules/portal/checkRun.ts';
import { currentSigner, usePortalKey } from '../modules/portal/signing.ts';
import { loadSecretKey } from '../server/secrets.ts';
import { errorJson, withDatabase } from './common.ts';

export interface PortalCheckOptions {
  publicUrl: string;
  origin?: string;
  publicKey?: string;
  json?: boolean;
}

const USAGE = 2;

function webAddress(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('validation_failed', {
      zh: `${option} 应为网址，例如 https://www.example.gov.cn/：${value}`,
      en: `${option} must be a web address such as https://www.example.gov.cn/: ${value}`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('validation_failed', {
      zh: `${option} 应以 http:// 或 https:// 开头：${value}`,
      en: `${option} must start with http:// or https://: ${value}`,
    });
  return url.href;
}

/** The findings as an operator reads them: one line each, then the count. */
export function describeCheck(publicUrl: string, result: CheckResult): string {
  const lines = result.findings.map((f) => `${f.kind}\t${f.url}\t${f.userAgent ?? '-'}\t${f.detail}`);
  const summary =
    result.findings.length === 0
      ? `${publicUrl}：检查了 ${result.checked} 个页面，未发现问题。Checked ${result.checked} pages: no findings.`
      : `${publicUrl}：检查了 ${result.checked} 个页面，发现 ${result.findings.length} 个问题。Checked ${result.checked} pages: ${result.findings.length} findings.`;
  return `${[...lines, summary].join('\n')}\n`;
}

/** Whether the configured database exists, so the run can be recorded in it (a checker on another machine has none). */
function hasDatabase(): boolean {
  const config = loadConfig();
  return config.databaseUrl !== null || fs.existsSync(path.join(config.dataDir, 'pg'));
}

async function portalCheck(o: PortalCheckOptions): Promise<void> {
  try {
    const request = {
      publicUrl: webAddress(o.publicUrl, '--public-url'),
      ...(o.origin !== undefined ? { origin: webAddress(o.origin, '--origin') } : {}),
      ...(o.publicKey !== undefined ? { publicKey: o.publicKey } : {}),
      source: 'cli' as const,
    };
    let result: CheckResult;
    if (o.origin === undefined || hasDatabase()) result = await withDatabase('xingfu portal check', (db, config) => runPortalCheck(db, config, request));
    else {
      const config = loadConfig();
      usePortalKey(() => loadSecretKey(config));
      result = await runPortalCheck(null, config, request);
    }
    process.stdout.write(o.json ? `${JSON.stringify({ checked: result.checked, findings: result.findings })}\n` : describeCheck(request.publicUrl, result));
    process.exitCode = result.findings.length > 0 ? 1 : 0;
  } catch (err) {
    const e = errorJson(err);
    if (o.json) process.stdout.write(`${JSON.stringify({ error: e })}\n`);
    process.stderr.write(`错误：${e.message.zh}\nError: ${e.message.en}\n`);
    process.exitCode = USAGE;
  }
}

function portalPublicKey(): void {
  try {
    usePortalKey(() => loadSecretKey(loadConfig()));
    process.stdout.write(`${currentSigner().publicKey}\n`);
  } catch (err) {
    process.stderr.write(`Error: ${errorJson(err).message.en}\n`);
    process.exitCode = USAGE;
  }
}

export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('The public portal');
  portal
    .command('check')
    .description(
      'Read the public pages as a browser, the search engines’ crawlers and a visitor from a search, and compare them with the approved pages (from the database, or the signed manifest of --origin); exit code 1 when something differs, 2 when the check cannot run',
    )
    .requiredOption('--public-url <url>', 'the public address of the portal, as readers reach it')
    .option('--origin <url>', 'the origin server: compare with the signed manifest it publishes at /portal/manifest.json instead of the database')
    .option('--public-key <key>', 'the portal’s public key (base64, from `xingfu portal public-key`) to verify the manifest with; default: this installation’s')
    .option('--json', 'print {"checked": n, "findings": [{"url", "kind", "detail", "userAgent"}]}')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : USAGE))
    .action(portalCheck);
  portal
    .command('public-key')
    .description('Print the portal’s public key (base64): what a checker on another machine verifies the manifest with')
    .action(portalPublicKey);
}
