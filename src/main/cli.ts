// `carnet`: the import and export services, and the sync server, from a terminal, for
// organisers and scripts. Plain Node — nothing here or below may import electron.
//
// Output contract: a command prints its result on stdout and exits 0. On bad input it
// prints one line `carnet: <what is wrong>` on stderr, nothing on stdout, and exits 2;
// an unexpected failure does the same with exit code 1. Never a stack trace.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CarnetError } from '../shared/ipc';
import { printable, terminalSafeJson } from '../shared/text/printable';
import type { MarkdownKind } from './import/index';
import { planInWorker } from './import/isolated';
import { toInspectReport } from './import/report';
import { isValidTimeZone, systemTimeZone } from './import/zonedTime';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

/** What a command run ends with: text for stdout, or one line of error. */
type Outcome = { stdout: string } | { error: string; exitCode: number };

interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<Outcome>;
}

/** The command table: later commands (journal, export) are one entry each. */
const COMMANDS: Record<string, Command> = {
  inspect: {
    usage: 'carnet inspect <file or folder> [--tz <IANA zone>] [--as notes|lessons]',
    summary: 'Print as JSON what importing the file would create (visits, lessons, notes, warnings).',
    run: inspect,
  },
  journal: {
    usage: 'carnet journal <backup.carnet>... --format pdf|html|md|docx --out <path> [--lang fr|en] [--collective]',
    summary:
      'Write the travel journal of one backup, or the collective journal of several backups of one expedition; --collective: the expedition’s book (a summary with the group’s syntheses, the lessons, the visits).',
    run: async (args) => {
      // Loaded only when asked for: the journal's renderers (DOCX, PDF) take seconds to load.
      const { journalCommand } = await import('./export/cli');
      const outcome = await journalCommand(args, 'cli');
      return outcome.ok ? { stdout: `${outcome.path}\n` } : badInput(outcome.error);
    },
  },
  serve: {
    usage: 'carnet serve --port <port> --data <folder> [--host <address>] [--new-admin-key]',
    summary: 'Run the sync server of shared expeditions until Ctrl+C; it prints an admin key at its first start in an empty folder.',
    run: async (args) => {
      const { serveCommand } = await import('./sync/cli');
      const outcome = await serveCommand(args);
      return outcome.ok ? { stdout: '' } : badInput(outcome.error);
    },
  },
};

const USAGE = [
  'Usage: carnet <command> [options]',
  '',
  'Commands:',
  ...Object.values(COMMANDS).flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
  '',
  'Options of inspect:',
  '  --tz <zone>    time zone of times written without one (default: the system zone,',
  `                 here ${systemTimeZone()})`,
  '  --as <kind>    read a Markdown file as "notes" or as "lessons" (default: guessed)',
  '',
  'Options of serve:',
  '  --host <address>   where to listen (default 127.0.0.1, this computer only;',
  '                     0.0.0.0 for the local network)',
  '  --new-admin-key    replace the admin key and print the new one',
  '',
  'Files: .ics (calendar), .csv/.tsv (spreadsheet), .json (Carnet programme),',
  '.md (lessons or notes), a folder of Markdown notes, or a .carnet backup.',
  'Exit status: 0 on success, 2 when the input cannot be read, 1 on an internal error.',
].join('\n');

async function inspect(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseArgs({
    args,
    options: { tz: { type: 'string' }, as: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || !positionals[0]) return badInput('inspect takes one file or folder (see carnet --help)');
  const timeZone = values.tz ?? systemTimeZone();
  if (!isValidTimeZone(timeZone)) return badInput(`unknown time zone "${timeZone}"`);
  if (values.as !== undefined && values.as !== 'notes' && values.as !== 'lessons') return badInput('--as must be "notes" or "lessons"');
  // In a worker thread that the time budget stops even inside a parser (import/isolated.ts).
  const request = { path: positionals[0], options: { timeZone, markdownAs: values.as as MarkdownKind | undefined } };
  const result = await planInWorker(join(__dirname, 'importWorker.js'), request);
  if (!result.ok) return failed(result.error);
  return { stdout: `${terminalSafeJson(toInspectReport(result.value))}\n` };
}

function badInput(message: string): Outcome {
  return { error: message, exitCode: EXIT_BAD_INPUT };
}

function failed(error: CarnetError): Outcome {
  const reason = typeof error.detail?.['reason'] === 'string' ? ` (${error.detail['reason']})` : '';
  return { error: `${error.message}${reason}`, exitCode: error.code === 'internal' ? EXIT_FAILURE : EXIT_BAD_INPUT };
}

export async function runCli(argv: string[]): Promise<Outcome> {
  const [name, ...rest] = argv;
  if (name === undefined) return badInput('missing command (see carnet --help)');
  if (name === '--help' || name === '-h' || name === 'help') return { stdout: `${USAGE}\n` };
  const command = COMMANDS[name];
  if (!command) return badInput(`unknown command "${name}" (see carnet --help)`);
  if (rest.includes('--help') || rest.includes('-h')) return { stdout: `${command.usage}\n${command.summary}\n` };
  try {
    return await command.run(rest);
  } catch (error) {
    // parseArgs reports unknown or incomplete options by throwing.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return badInput(oneLine((error as Error).message));
    return { error: `internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`, exitCode: EXIT_FAILURE };
  }
}

/** One line of at most 300 characters, with no control character a terminal would obey
 *  (a file or entry name is quoted in most messages). */
function oneLine(text: string): string {
  return printable(text.replace(/\s+/g, ' ').trim()).slice(0, 300);
}

async function main(): Promise<void> {
  process.stdout.on('error', () => undefined); // a closed pipe (`| head`) is not an error
  const outcome = await runCli(process.argv.slice(2));
  if ('stdout' in outcome) {
    process.stdout.write(outcome.stdout);
    process.exitCode = EXIT_OK;
  } else {
    process.stderr.write(`carnet: ${oneLine(outcome.error)}\n`);
    process.exitCode = outcome.exitCode;
  }
}

process.on('uncaughtException', (error) => {
  process.stderr.write(`carnet: internal error: ${oneLine(error.message)}\n`);
  process.exit(EXIT_FAILURE);
});

void main();
