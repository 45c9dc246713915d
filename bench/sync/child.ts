// The sync run's processes: the server, the participants and the newcomer each in a Node
// process of its own (tsx, GC exposed), talking over IPC with structured clone (Uint8Arrays
// pass as they are). CARNET_BENCH_<NAME>_NODE_ARGS adds Node options to one of them, such
// as `--cpu-prof --cpu-prof-dir=<folder>` to profile it.
import { fork } from 'node:child_process';
import { join } from 'node:path';

interface Message {
  type: string;
}

export interface Child<In extends Message, Out extends Message> {
  pid: number;
  send(message: In): void;
  /** The next message of this type; rejects if the process ends first. */
  next<T extends Out['type']>(type: T): Promise<Extract<Out, { type: T }>>;
  exited: Promise<number | null>;
  kill(): void;
}

export function forkChild<In extends Message, Out extends Message>(name: string, file: string, args: string[], nodeArgs: string[] = []): Child<In, Out> {
  const extra = process.env[`CARNET_BENCH_${name.toUpperCase()}_NODE_ARGS`]?.split(' ').filter(Boolean) ?? [];
  const child = fork(join(__dirname, file), args, {
    execArgv: ['--expose-gc', ...nodeArgs, ...extra, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid ?? 0,
    send: (message) => void child.send(message),
    next: <T extends Out['type']>(type: T) =>
      new Promise<Extract<Out, { type: T }>>((resolve, reject) => {
        const onMessage = (message: Out): void => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          resolve(message as Extract<Out, { type: T }>);
        };
        child.on('message', onMessage);
        void exited.then((code) => {
          child.off('message', onMessage);
          reject(new Error(`the ${name} process ended (code ${code}) before sending ${type}`));
        });
      }),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** In a child: sends a message to the runner; resolves once it is sent (before an exit). */
export function toParent<Out extends Message>(message: Out): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, undefined, () => resolve());
  });
}
