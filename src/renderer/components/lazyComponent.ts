// A component whose code loads the first time it is drawn (React.lazy over a named
// export): what the workspace rarely shows — dialogs, a lesson's page, the matrix, the
// tags — stays out of the script every start compiles. Draw it inside a <Suspense>.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as React.lazy's own bound
export function lazyComponent<T extends ComponentType<any>>(load: () => Promise<T>): LazyExoticComponent<T> {
  return lazy(async () => ({ default: await load() }));
}
