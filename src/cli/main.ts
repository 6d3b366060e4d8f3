import { Command, Option } from 'commander';
import { reachOf, roleCodes, type Grant } from '../core/auth/roles.ts';
import { withScope } from '../db/scope.ts';
import { listMigrations } from '../db/migrate.ts';
import { seedDemo, seedOrganisation } from '../seed/demo.ts';
import { errorJson, readStdin, reportError, withDatabase } from './common.ts';
import { idCheckCommand } from './idCheck.ts';
import { serve } from './serve.ts';
import { addUser } from './users.ts';
import { describeImport, importPersonsCommand } from './importPersons.ts';
import { loadConfig } from '../config.ts';
import { loadSecrets } from '../server/secrets.ts';
import { zscoreCommand } from './zscore.ts';
import { yearSummary } from '../modules/benefits/summary.ts';
import { evaluateCommand } from './evaluate.ts';
import { defaultParameterRows } from '../core/benefits/defaults.ts';
import { programmeIds, type ProgrammeId } from '../core/benefits/types.ts';
import { clockFor, setClock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import { isMonth } from '../core/calendar.ts';
import { rollActions, type RollAction } from '../core/benefits/rollStates.ts';
import { generateRoll, rollBankFile, rollWorkbook, transitionRoll } from '../modules/benefits/rolls.ts';
import { actorFor } from '../modules/auth/actor.ts';
import { districtCodes } from '../modules/org/queries.ts';
import { toFile } from './roll.ts';
import { generateBulletinFile } from './bulletin.ts';
import { backup, restore } from './backup.ts';
import { generateKeyCommand, keyStatusCommand, rotateKeysCommand } from './keys.ts';
import { auditCheckpointCommand, auditVerifyCommand, type CommandResult } from './audit.ts';
import { registerPortalCommands } from './portal.ts';

function print(result: CommandResult): void {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

const program = new Command('xingfu')
  .description('Xingfu 幸福 — the Happy Family campaign platform. Configuration: DATABASE_URL, XINGFU_DATA_DIR, PORT (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Run the web app and the API (migrates the database first)')
  .option('--demo', 'load the demo district (Wuqing) with an account for every role')
  .option('--port <port>', 'port to listen on (default PORT or 3000)', (v) => Number.parseInt(v, 10))
  .action(async (o: { demo?: boolean; port?: number }) => serve(o));

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    await withDatabase('xingfu migrate', async () => {
      process.stdout.write(`Database is at migration ${listMigrations().at(-1)?.name ?? '(none)'}\n`);
    });
  });

const seed = program.command('seed').description('Load reference or demo data');
seed
  .command('demo')
  .description("Load the demo district: organisation, an account for every role, the departments' 2011 reports and meetings, and the synthetic register")
  .option('--no-register', 'leave out the synthetic register (the slow part)')
  .action(async (o: { register: boolean }) => {
    const secrets = o.register ? loadSecrets(loadConfig({ ...process.env, XINGFU_DEMO: '1' })) : undefined;
    await withDatabase('xingfu seed demo', async (db) => {
      const { created, persons } = await seedDemo(db, secrets);
      process.stdout.write(
        `${created ? 'Demo district loaded.' : 'Demo district already present; accounts left as they are.'}${persons > 0 ? ` Register: ${persons} persons.` : ''}\n`,
      );
    });
  });
seed
  .command('org')
  .description('Load the organisation of Wuqing district (townships, villages, departments) without accounts')
  .action(async () => {
    await withDatabase('xingfu seed org', async (db) => {
      await db.transaction(seedOrganisation);
      process.stdout.write('Organisation loaded.\n');
    });
  });

const user = program.command('user').description('Accounts');
user
  .command('add <username>')
  .description('Create an account; the password is read from standard input')
  .addOption(new Option('--role <role>', 'role').choices([...roleCodes]).makeOptionMandatory())
  .option('--township <code>', 'township code (township role)')
  .option('--village <code>', 'village code (village role)')
  .option('--department <code>', 'department code (liaison role)')
  .option('--display-name <name>', 'name shown in the app')
  .option('--district <code>', 'district code (when the database holds several)')
  .action(async (username: string, o: { role: string; township?: string; village?: string; department?: string; displayName?: string; district?: string }) => {
    const password = (await readStdin()).replace(/\r?\n$/, '');
    await withDatabase('xingfu user add', async (db) => {
      const { id, district } = await addUser(db, username, password, o);
      process.stdout.write(`Created ${username} (${o.role}) in district ${district}: ${id}\n`);
    });
  });

const importCommand = program.command('import').description('Bulk imports');
importCommand
  .command('persons <file>')
  .description(
    'Import a township roster (.xlsx or .csv, in its own layout); rejected rows go to FILE.errors.xlsx. Rows that change a registered person are imported only with --apply, after a --preview',
  )
  .requiredOption('--township <code>', 'the township (9-digit code) the roster belongs to')
  .option('--preview', 'say what the import would do (new, unchanged, changed with old → new, refused) and write nothing')
  .option('--apply', 'import new persons and record the changes to registered persons as life events')
  .option('--mapping <file>', 'JSON {"the file\'s header": "field or template header", "a column to ignore": null}')
  .option('--village <name>', 'the village (name or 12-digit code) of every row, for a roster without a village column')
  .option('--json', 'print the summary (or the error) as JSON on stdout')
  .action(async (file: string, o: { township: string; preview?: boolean; apply?: boolean; mapping?: string; village?: string; json?: boolean }) => {
    try {
      if (o.preview && o.apply) throw new AppError('validation_failed', { zh: '--preview 与 --apply 只能选一个', en: 'Give --preview or --apply, not both' });
      const secrets = loadSecrets(loadConfig());
      await withDatabase('xingfu import persons', async (db) => {
        const mode = o.preview ? 'preview' : o.apply ? 'apply' : 'new';
        const summary = await importPersonsCommand(db, secrets, file, { township: o.township, mode, mappingFile: o.mapping, village: o.village }, (line) =>
          process.stderr.write(`${line}\n`),
        );
        process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : describeImport(summary));
      });
    } catch (err) {
      if (!o.json) throw err;
      process.stdout.write(`${JSON.stringify({ error: errorJson(err) })}\n`);
      process.exitCode = 1;
    }
  });

const audit = program.command('audit').description('Audit log');
audit
  .command('verify')
  .description(
    'Check every district’s audit chain (links, hashes, seals) against the checkpoint file; exit code 1 at the first broken entry, a chain shorter than a checkpoint or a changed checkpoint line',
  )
  .option('--json', 'print JSON')
  .action(async (o: { json?: boolean }) => {
    await withDatabase('xingfu audit verify', async (db, config) => print(await auditVerifyCommand(db, config, o.json === true)));
  });
audit
  .command('checkpoint')
  .description(
    'Append a signed checkpoint of every district’s audit chain (entry count, head hash) to the checkpoint file and print it, for an operator to keep',
  )
  .action(async () => {
    await withDatabase('xingfu audit checkpoint', async (db, config) => print(await auditCheckpointCommand(db, config)));
  });

const keys = program.command('keys').description('Data keys: the cipher and key personal data is encrypted under (XINGFU_CIPHER, XINGFU_DATA_KEY)');
keys
  .command('generate')
  .description('Print a new random 32-byte key (64 hex digits)')
  .action(() => print(generateKeyCommand()));
keys
  .command('status')
  .description('Count the sealed values under each cipher and key; exit code 1 while some are not under the configured ones')
  .option('--json', 'print JSON')
  .action(async (o: { json?: boolean }) => {
    await withDatabase('xingfu keys status', async (db, config) => print(await keyStatusCommand(db, config, o.json === true)));
  });
keys
  .command('rotate')
  .description(
    'Re-encrypt every sealed value under XINGFU_DATA_KEY with XINGFU_CIPHER, reading old values with XINGFU_PREVIOUS_DATA_KEY; in batches of committed transactions, resumed by running it again; exit code 2 when stopped early',
  )
  .option('--batch-size <rows>', 'rows per transaction (default 500)', (v) => Number.parseInt(v, 10))
  .option('--max-batches <n>', 'stop after this many batches (run again to carry on)', (v) => Number.parseInt(v, 10))
  .option('--json', 'print the result as JSON')
  .action(async (o: { batchSize?: number; maxBatches?: number; json?: boolean }) => {
    await withDatabase('xingfu keys rotate', async (db, config) => print(await rotateKeysCommand(db, config, o)));
  });

program
  .command('backup <file>')
  .description(
    "Write the whole database to one encrypted file (pg_dump for the server, the embedded engine's own dump), with every table's row count and the audit heads",
  )
  .option('--json', "print the backup's header as JSON")
  .action(async (file: string, o: { json?: boolean }) => {
    const header = await backup(loadConfig(), file);
    const rows = Object.values(header.counts).reduce((sum, n) => sum + n, 0);
    process.stdout.write(
      o.json
        ? `${JSON.stringify(header)}\n`
        : `Backup of the ${header.engine} database (${rows} rows in ${Object.keys(header.counts).length} tables) → ${file}\n`,
    );
  });

program
  .command('restore <file>')
  .description(
    "Restore a backup into an empty database; refuses a changed file; then compares every table's row count and verifies the audit chains (exit code 1 when they differ)",
  )
  .option('--json', 'print JSON')
  .action(async (file: string, o: { json?: boolean }) => {
    const report = await restore(loadConfig(), file);
    const ok = report.counts.same && report.audit.every((a) => a.ok);
    if (o.json) process.stdout.write(`${JSON.stringify({ ok, ...report })}\n`);
    else {
      process.stdout.write(
        `Restored the backup taken ${report.header.takenAt}: ${report.counts.same ? 'every table has its rows' : `${report.counts.differing.length} tables differ`}; audit chains ${report.audit.every((a) => a.ok) ? 'intact' : 'BROKEN'}\n`,
      );
      for (const d of report.counts.differing) process.stdout.write(`  ${d.table}: ${d.backup ?? '—'} in the backup, ${d.restored ?? '—'} restored\n`);
    }
    if (!ok) process.exitCode = 1;
  });

const id = program.command('id').description('Resident ID numbers (GB 11643-1999)');
id.command('check <number>')
  .description('Validate an ID number and print {valid, normalized, birthDate, sex, divisionCode, reason} as JSON')
  .action((number: string) => {
    setClock(clockFor(loadConfig()));
    const { output, exitCode } = idCheckCommand({ number });
    process.stdout.write(`${output}\n`);
    process.exitCode = exitCode;
  });

program
  .command('evaluate')
  .description('Evaluate every benefit programme for one situation (JSON on stdin) and explain each decision')
  .action(async () => {
    const { output, exitCode } = evaluateCommand(await readStdin(), defaultParameterRows);
    process.stdout.write(`${output}\n`);
    process.exitCode = exitCode;
  });

const benefits = program.command('benefits').description('Benefit programmes over the register');
benefits
  .command('summary')
  .description('Persons paid and yuan paid per programme for a year, over the whole district (the engine over the register)')
  .requiredOption('--year <year>', 'the year, e.g. 2011', (v) => Number.parseInt(v, 10))
  .option('--json', 'print JSON')
  .action(async (o: { year: number; json?: boolean }) => {
    await withDatabase('xingfu benefits summary', async (db) => {
      const districts = await districtCodes(db);
      const district = districts[0];
      if (!district || districts.length > 1) throw new Error('the database must hold exactly one district');
      const grants: Grant[] = [{ role: 'office', township: null, village: null, department: null }];
      const summary = await withScope(db, { district, userId: '', username: 'cli', grants, reach: reachOf(grants), ip: null }, (tx) => yearSummary(tx, o.year));
      if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        for (const p of summary.programmes) process.stdout.write(`${p.programme}\t${p.beneficiaries} 人\t${p.amount} 元\t${p.fundedBy}\n`);
        process.stdout.write(
          `奖扶+特扶合计 ${summary.rewardAndSpecialAssistance.amount} 元（约 ${summary.rewardAndSpecialAssistance.roundedTo10000 / 10_000} 万元）\n`,
        );
      }
    });
  });

const roll = program.command('roll').description('Monthly payment rolls (act as an account: scope, four eyes and audit apply)');
roll
  .command('generate')
  .description('Generate (or regenerate while a draft) the roll of a programme for a month')
  .addOption(new Option('--programme <id>', 'programme').choices([...programmeIds]).makeOptionMandatory())
  .requiredOption('--period <YYYY-MM>', 'the month paid')
  .requiredOption('--as <username>', 'the account generating the roll')
  .option('--json', 'print JSON')
  .action(async (o: { programme: ProgrammeId; period: string; as: string; json?: boolean }) => {
    if (!isMonth(o.period)) throw new AppError('validation_failed', { zh: `月份格式应为 YYYY-MM:${o.period}`, en: `The period must be YYYY-MM: ${o.period}` });
    await withDatabase('xingfu roll generate', async (db) => {
      const detail = await generateRoll(db, await actorFor(db, o.as), o.programme, o.period);
      if (o.json) process.stdout.write(`${JSON.stringify(detail)}\n`);
      else {
        process.stdout.write(
          `${detail.programmeName} ${detail.period} 花名册（${detail.id}）：${detail.lineCount} 行，合计 ${detail.totalAmount.toFixed(2)} 元，停发 ${detail.stopCount} 人\n`,
        );
        for (const k of detail.byKind) process.stdout.write(`  ${k.kind}\t${k.lines} 行\t${k.amount.toFixed(2)} 元\n`);
      }
    });
  });
roll
  .command('transition <rollId>')
  .description('Move a roll: check, reopen, approve (not by its generator), export, paid')
  .addOption(new Option('--action <action>', 'what to do').choices(rollActions).makeOptionMandatory())
  .requiredOption('--as <username>', 'the account acting')
  .action(async (rollId: string, o: { action: RollAction; as: string }) => {
    await withDatabase('xingfu roll transition', async (db) => {
      const detail = await transitionRoll(db, await actorFor(db, o.as), rollId, o.action);
      process.stdout.write(`${detail.programmeName} ${detail.period}: ${detail.state}\n`);
    });
  });
roll
  .command('export <rollId>')
  .description('Write the exported roll as .xlsx and the bank disbursement CSV (audited)')
  .requiredOption('--as <username>', 'the account downloading')
  .option('--xlsx <file>', 'roll workbook to write')
  .option('--bank <file>', 'bank CSV to write')
  .action(async (rollId: string, o: { as: string; xlsx?: string; bank?: string }) => {
    const secrets = loadSecrets(loadConfig());
    await withDatabase('xingfu roll export', async (db) => {
      const actor = await actorFor(db, o.as);
      if (o.xlsx) await toFile(o.xlsx, (out) => rollWorkbook(db, actor, rollId, out));
      if (o.bank) await toFile(o.bank, (out) => rollBankFile(db, actor, secrets, rollId, out));
      process.stdout.write(`${[o.xlsx, o.bank].filter(Boolean).join(', ') || 'nothing'} written\n`);
    });
  });

const bulletin = program.command('bulletin').description("Bulletins (通报) of the member departments' monthly reports");
bulletin
  .command('generate')
  .description('Write the bulletin of a month (2011-10), quarter (2011-Q4) or year (2011) as .docx: the published one, or a draft from the accepted reports')
  .requiredOption('--period <period>', 'YYYY-MM, YYYY-Qn or YYYY')
  .requiredOption('--out <file>', 'the .docx to write')
  .option('--as <username>', "the account acting (default: the district's first office account)")
  .option('--district <code>', 'the district, when the database holds several')
  .option('--json', 'print JSON')
  .action(async (o: { period: string; out: string; as?: string; district?: string; json?: boolean }) => {
    await withDatabase('xingfu bulletin generate', async (db) => {
      const result = await generateBulletinFile(db, o);
      if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(`${result.number ?? `${result.period}（草稿，未编号）`} → ${result.file}\n`);
    });
  });

registerPortalCommands(program);

program
  .command('zscore')
  .description('WHO Child Growth Standards z-scores: one JSON measurement per line on stdin, one JSON result per line on stdout')
  .action(async () => {
    await zscoreCommand(process.stdin, process.stdout);
  });

program.parseAsync(process.argv).catch(reportError);
