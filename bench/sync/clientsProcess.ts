// The participants' process: the scenario (scenario.ts) with a heap large enough for 30
// replicas of the whole expedition (1.3 GB of Y.Docs and providers, 3.4 GB with the first
// binding's note bodies). Node's default limit (~4 GB here) made it collect garbage most of
// the time then. Argument: the options, as JSON.
import { toParent } from './child';
import { runSyncScenario, type SyncOptions, type SyncRun } from './scenario';

export type FromClients = { type: 'result'; run: SyncRun };

const options = JSON.parse(process.argv[2] ?? '{}') as SyncOptions;
runSyncScenario(options).then(
  (run) => {
    void toParent<FromClients>({ type: 'result', run }).then(() => process.exit(0));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on('disconnect', () => process.exit(0));
