// `boex`: the register's command line. Each command is a module with its own options; this file
// only routes and turns every failure into a sentence and an exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { backup, restore } from './backup';
import { bench } from './bench';
import { check } from './check';
import { importCsv } from './import';
import { letters } from './letters';
import { decisionList, documentLanguage, pack } from './meeting-documents';
import { exportUsis } from './export-usis';
import { cliLanguage, report, UsageError } from './output';
import { preview } from './preview';
import { yearlyReport } from './report';
import { seed } from './seed';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | Array<string | boolean> | undefined>, positionals: string[]): Promise<number>;
}

const common = { register: { type: 'string' }, lang: { type: 'string' } } as const;

const commands: Record<string, Command> = {
  check: {
    summary: 'Report the schema version, integrity and counts of a register (exit 0 when healthy).',
    usage: 'boex check --register FILE',
    options: common,
    run: (v) => check(required(v.register, '--register'), cliLanguage(v.lang as string | undefined)),
  },
  import: {
    summary: 'Import petitions from a CSV file: all rows or none; rows already in the register are skipped.',
    usage: 'boex import --register FILE petitions.csv',
    options: common,
    run: (v, positionals) => importCsv(required(v.register, '--register'), csvFile(positionals), cliLanguage(v.lang as string | undefined)),
  },
  preview: {
    summary: 'Serve the app to your browser on 127.0.0.1, with the register at FILE (created if missing).',
    usage: 'boex preview --register FILE [--port N] [--readonly]',
    options: { ...common, port: { type: 'string' }, readonly: { type: 'boolean' } },
    run: (v) =>
      preview(required(v.register, '--register'), port(v.port as string | undefined), cliLanguage(v.lang as string | undefined), { readonly: v.readonly === true }),
  },
  seed: {
    summary: 'Fill a register with N realistic synthetic petitions (for benchmarks and trying the app).',
    usage: 'boex seed --register FILE --petitions N',
    options: { ...common, petitions: { type: 'string' } },
    run: (v) => seed(required(v.register, '--register'), count(v.petitions as string | undefined, '--petitions'), cliLanguage(v.lang as string | undefined)),
  },
  backup: {
    summary: 'Copy a register consistently, even while the app uses it (default: into its backups folder).',
    usage: 'boex backup --register FILE [--out FILE]',
    options: { ...common, out: { type: 'string' } },
    run: (v) => backup(required(v.register, '--register'), v.out as string | undefined, cliLanguage(v.lang as string | undefined)),
  },
  restore: {
    summary: 'Put a backup in the register\'s place after checking it; the replaced file is kept. Close the app first.',
    usage: 'boex restore --register FILE --from BACKUP',
    options: { ...common, from: { type: 'string' } },
    run: (v) => restore(required(v.register, '--register'), required(v.from, '--from'), cliLanguage(v.lang as string | undefined)),
  },
  letters: {
    summary: 'Write the decision letters of a BoEx meeting into a folder, signed with --p12 (password in BOEX_P12_PASSWORD).',
    usage: 'boex letters --register FILE --meeting ID --out DIR [--p12 FILE] [--lang en|nl] [--overwrite]',
    options: { ...common, meeting: { type: 'string' }, out: { type: 'string' }, p12: { type: 'string' }, overwrite: { type: 'boolean' } },
    run: (v) =>
      letters(
        required(v.register, '--register'),
        {
          meetingId: count(v.meeting as string | undefined, '--meeting'),
          out: required(v.out, '--out'),
          p12: v.p12 as string | undefined,
          letterLanguage: letterLanguage(v.lang as string | undefined),
          overwrite: v.overwrite === true,
        },
        cliLanguage(v.lang as string | undefined),
      ),
  },
  pack: {
    summary: 'Write the meeting pack of a meeting (cover, agenda, one section per item) as a PDF in the language of --lang.',
    usage: 'boex pack --register FILE --meeting ID --out FILE.pdf [--lang en|nl] [--overwrite]',
    options: { ...common, meeting: { type: 'string' }, out: { type: 'string' }, overwrite: { type: 'boolean' } },
    run: (v) =>
      pack(
        required(v.register, '--register'),
        { meetingId: count(v.meeting as string | undefined, '--meeting'), out: required(v.out, '--out'), overwrite: v.overwrite === true },
        documentLanguage(v.lang as string | undefined),
      ),
  },
  'decision-list': {
    summary: 'Write the decision list of a BoEx meeting as PDF or CSV (by the name of --out), in the language of --lang.',
    usage: 'boex decision-list --register FILE --meeting ID --out FILE.pdf|FILE.csv [--lang en|nl] [--overwrite]',
    options: { ...common, meeting: { type: 'string' }, out: { type: 'string' }, overwrite: { type: 'boolean' } },
    run: (v) =>
      decisionList(
        required(v.register, '--register'),
        { meetingId: count(v.meeting as string | undefined, '--meeting'), out: required(v.out, '--out'), overwrite: v.overwrite === true },
        documentLanguage(v.lang as string | undefined),
      ),
  },
  'export-usis': {
    summary: 'Write the results not yet sent to uSis as CSV and mark them exported; --again rewrites a past export, --list lists them.',
    usage: 'boex export-usis --register FILE --out FILE.csv [--again EXPORTED_AT | --list] [--lang en|nl] [--overwrite]',
    options: { ...common, out: { type: 'string' }, again: { type: 'string' }, list: { type: 'boolean' }, overwrite: { type: 'boolean' } },
    run: (v) =>
      exportUsis(
        required(v.register, '--register'),
        {
          out: v.out as string | undefined,
          again: v.again as string | undefined,
          list: v.list === true,
          overwrite: v.overwrite === true,
          // Without --lang, --again writes a past export in the language it was exported in.
          fileLanguage: v.lang === undefined ? undefined : documentLanguage(v.lang as string),
        },
        documentLanguage(v.lang as string | undefined),
      ),
  },
  report: {
    summary: 'Write the yearly report of an academic year (e.g. 24-25) as PDF or CSV (by the name of --out), in the language of --lang.',
    usage: 'boex report --register FILE --year 24-25 --out FILE.pdf|FILE.csv [--lang en|nl] [--overwrite]',
    options: { ...common, year: { type: 'string' }, out: { type: 'string' }, overwrite: { type: 'boolean' } },
    run: (v) =>
      yearlyReport(
        required(v.register, '--register'),
        { academicYear: requiredYear(v.year), out: required(v.out, '--out'), overwrite: v.overwrite === true },
        documentLanguage(v.lang as string | undefined),
      ),
  },
  bench: {
    summary: "Measure the register's calls (median, p95) beside the same SQL run raw.",
    usage: 'boex bench --register FILE [--runs N]',
    options: { ...common, runs: { type: 'string' } },
    run: (v) => bench(required(v.register, '--register'), v.runs === undefined ? 50 : count(v.runs as string, '--runs'), cliLanguage(v.lang as string | undefined)),
  },
};

function help(): string {
  const lines = ['Usage: boex <command> [options]', '', 'Commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(42)} ${command.summary}`);
  lines.push('', 'Options for every command: --lang en|nl (messages in English or Dutch).', 'Run `boex <command> --help` for one command.');
  return lines.join('\n');
}

function required(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`Give ${flag}, for example ${flag} ./register.db.`);
  return value;
}

function requiredYear(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError('Give --year, the academic year as 24-25 (for 2024-2025).');
  return value;
}

function count(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1 || n > 10_000_000) throw new UsageError(`${flag} takes a whole number from 1 to 10,000,000.`);
  return n;
}

function csvFile(positionals: string[]): string {
  const [file, ...more] = positionals;
  if (file === undefined || more.length > 0) throw new UsageError('Give one CSV file to import, for example petitions.csv.');
  return file;
}

/** --lang also chooses the letters' language; without it they follow the settings. */
function letterLanguage(value: string | undefined): 'en' | 'nl' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'en' && value !== 'nl') throw new UsageError(`--lang takes en or nl, not "${value}".`);
  return value;
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--port takes a number from 1 to 65535, not "${value}".`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`"${name}" is not a boex command. Run \`boex --help\` to see the commands.`);
    return 64;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\nUsage: ${command.usage}`);
      return 64;
    }
    return report(error, cliLanguage(undefined));
  }
}

process.exitCode = await main(process.argv.slice(2));
