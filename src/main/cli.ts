// carnet — the command line: the same import and export services as the app.
// Placeholder until the import commands land; prints usage.
const USAGE = `Usage: npm run -s carnet -- <command> [options]

Commands:
  --help    show this help
`;

function main(argv: string[]): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(`carnet: unknown command '${argv[0]}' (see --help)\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
