import { Command, CommanderError, Option } from 'commander';
import { ApiClient } from './api-client';
import { CliError } from './cli-error';
import type { CliIo } from './io';
import { generateApiKey, localAdminKey, localStackFile, readLocalStack } from './local-setup';
import { exampleCommand } from './commands/example';
import { healthCommand } from './commands/health';
import { importList } from './commands/import-list';
import { describeOutcomes, postReportFiles } from './commands/post';
import { alertsCommand, ledgerCommand, timelineCommand } from './commands/read-views';
import { rebuildProjection } from './commands/rebuild';
import { backupCommand, restoreCommand } from './commands/backup';
import { terminalJson } from './render/visible';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

interface GlobalOptions {
  api?: string;
  apiKey?: string;
  json?: boolean;
}

/**
 * The `transfer-monitor` command line: one subcommand per task of an analyst or operator. Writes through `io`
 * (tests capture it) and throws {@link CliError} for the one-line failure `main` prints.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('transfer-monitor')
    .description('Transfer Monitor from the command line: post reports, import sanctions lists, read ledgers, timelines and alerts.')
    .option('--api <url>', `API base URL (env TM_API_URL; default the API of the npm start running here, else ${DEFAULT_API_URL})`)
    .option(
      '--api-key <key>',
      'API key, sent as Authorization: Bearer <key> (env TM_API_KEY; for a local API, default the admin key of the npm start running here, whatever its --data-dir)',
    )
    .option('--json', 'print JSON instead of tables')
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // commander's own errors (unknown command, missing argument) in the same one-line form as ours
      outputError: (text, write) => write(`transfer-monitor: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    })
    .exitOverride();

  const context = () => {
    const options = program.opts<GlobalOptions>();
    // The npm start running here (its record says its API, ports and key file, whatever its --data-dir).
    const stack = readLocalStack(localStackFile(io.env));
    const apiUrl = options.api ?? io.env.TM_API_URL ?? stack?.apiUrl ?? DEFAULT_API_URL;
    try {
      new URL(apiUrl);
    } catch {
      throw new CliError(`--api ${apiUrl} is not a URL (e.g. ${DEFAULT_API_URL})`);
    }
    const apiKey = options.apiKey ?? io.env.TM_API_KEY ?? localAdminKey(apiUrl, stack);
    // health finds the other apps at that npm start's ports unless the environment names them.
    const env = stack && apiUrl === stack.apiUrl ? { ...stack.ports, ...io.env } : io.env;
    return { api: new ApiClient({ baseUrl: apiUrl, apiKey }), json: Boolean(options.json), apiUrl, env };
  };

  program
    .command('post')
    .description('post report files (or folders of them): the POST /v1/reports body, or { report, evidence } as in examples/reports')
    .argument('<paths...>', 'files or folders')
    .action(async (paths: string[]) => {
      const { api, json } = context();
      const outcomes = await postReportFiles(api, io, paths);
      io.out(json ? terminalJson(outcomes) : describeOutcomes(outcomes).join('\n'));
      const rejected = outcomes.filter((o) => o.status !== 'succeeded').length;
      if (rejected > 0) throw new CliError(`${rejected} of ${outcomes.length} report files not stored (see the lines above)`);
    });

  program
    .command('import-list')
    .description(
      "import a sanctions list version from a URL or a file in the server's SANCTIONS_IMPORT_DIR (default data/sanctions), the only folder imports read files from",
    )
    .argument('<listId>', 'ofac-sdn, ofac-non-sdn, un, eu-fsf, uk-hmt, us-csl or opensanctions')
    .argument('<sources...>', 'URL or path relative to SANCTIONS_IMPORT_DIR (OFAC: sdn.csv with alt.csv, add.csv…, or their folder)')
    .option('--format <format>', 'importer format when it cannot be derived from the list id')
    .option('--version <version>', 'version to record when the file carries none (OFAC, US CSL)')
    .option('--allow-older', 'import it even when it is older than the version in force (a rollback; refused without)')
    .action(async (listId: string, sources: string[], options: { format?: string; version?: string; allowOlder?: boolean }) => {
      const { api } = context();
      io.out(await importList(api, io, listId, sources, options));
    });

  program
    .command('ledger')
    .description("a country's assistance ledger as a table")
    .argument('<country>', 'ISO 3166-1 alpha-2, e.g. RU')
    .option('--counterparty <country>', 'the other country')
    .addOption(new Option('--direction <direction>', 'the country as supplier or recipient').choices(['supplier', 'recipient']))
    .option('--stage <stage>', 'e.g. under-negotiation, delivered')
    .addOption(new Option('--status <status>').choices(['active', 'disputed', 'denied', 'retracted']))
    .option('--category <slug>', 'item category, e.g. aircraft')
    .addOption(new Option('--assistance-type <type>').choices(['military', 'dual-use', 'economic', 'humanitarian']))
    .option('--min-credibility <n>', 'Admiralty credibility 1–6, 1 best')
    .option('--from <date>', 'YYYY, YYYY-MM or YYYY-MM-DD: a year or month from its first day')
    .option('--to <date>', 'YYYY, YYYY-MM or YYYY-MM-DD: a year or month through its last day')
    .option('--as-of <time>', 'the ledger as known at an ISO time or a global position')
    .action(async (country: string, options: Record<string, string>) => {
      const { api, json } = context();
      await ledgerCommand(api, io, json, country, options);
    });

  program
    .command('timeline')
    .description("a country's diplomatic timeline as a table")
    .argument('<country>', 'ISO 3166-1 alpha-2, e.g. CN')
    .option('--from <date>', 'YYYY, YYYY-MM or YYYY-MM-DD: a year or month from its first day')
    .option('--to <date>', 'YYYY, YYYY-MM or YYYY-MM-DD: a year or month through its last day')
    .option('--cameo <code>', 'CAMEO code or prefix, e.g. 04')
    .option('--limit <n>', 'at most this many entries')
    .action(async (country: string, options: Record<string, string>) => {
      const { api, json } = context();
      await timelineCommand(api, io, json, country, options);
    });

  program
    .command('alerts')
    .description('list alerts raised by screening reports against the sanctions lists')
    .option('--kind <kind>', 'name-match, ownership, possible-diversion, front-company or misdeclared-goods')
    .option('--status <status>', 'e.g. open, confirmed, dismissed')
    .option('--list <listId>', 'e.g. ofac-sdn')
    .option('--program <program>', 'e.g. RUSSIA-EO14024')
    .option('--country <country>', 'ISO 3166-1 alpha-2')
    .option('--min-score <score>', '0–1')
    .option('--since <time>', 'YYYY, YYYY-MM, YYYY-MM-DD (from its start, UTC) or an ISO date-time')
    .action(async (options: Record<string, string>) => {
      const { api, json } = context();
      await alertsCommand(api, io, json, options);
    });

  program
    .command('rebuild')
    .description('rebuild a projection from the event store while the current version serves')
    .argument('[projection]', 'projection name', 'read-models')
    .action(async (name: string) => {
      const { api } = context();
      io.out(await rebuildProjection(api, io, name));
    });

  program
    .command('backup')
    .description(
      'back up the event store, list data, alerts, webhooks and API keys into a new folder (one consistent snapshot, while the apps run)',
    )
    .argument('<folder>', 'a new or empty folder')
    .option('--database-url <url>', 'the database to back up (env DATABASE_URL)')
    .option('--snapshot <id>', 'read in this exported snapshot (pg_export_snapshot()), as pg_dump --snapshot')
    .action(async (folder: string, options: { databaseUrl?: string; snapshot?: string }) => {
      io.out(await backupCommand(io, folder, options));
    });

  program
    .command('restore')
    .description('restore a backup folder into a new, empty database, then rebuild the read models from its events')
    .argument('<folder>', 'a folder written by backup')
    .option('--database-url <url>', 'the new database (env DATABASE_URL)')
    .action(async (folder: string, options: { databaseUrl?: string }) => {
      io.out(await restoreCommand(io, folder, options));
    });

  program
    .command('health')
    .description("every app's /health/ready (other apps on the API's host at PROCESSOR_PORT… or 3001–3005)")
    .action(async () => {
      const { apiUrl, json, env } = context();
      await healthCommand(apiUrl, { ...io, env }, json);
    });

  program
    .command('example')
    .description(
      "post the China Digital Times article's reports (examples/reports) and print the CN, RU, IR, BY ledgers, the timeline and these reports' alerts",
    )
    .option('--dir <folder>', 'folder of report files (default: examples/reports of this repository)')
    .action(async (options: { dir?: string }) => {
      const { api, json } = context();
      await exampleCommand(api, io, json, options.dir);
    });

  program
    .command('keygen')
    .description('print a new API key in the accepted form (tm_<8 hex>_<43 base64url>), e.g. for BOOTSTRAP_ADMIN_KEY')
    .action(() => io.out(generateApiKey()));

  return program;
}

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit code; every failure is one line on
 * stderr, prefixed `transfer-monitor:`.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander already printed its line (or the help)
    if (error instanceof CliError) {
      io.err(`transfer-monitor: ${error.message}`);
      return error.exitCode;
    }
    io.err(`transfer-monitor: unexpected error: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}
