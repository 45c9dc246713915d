// One import to plan, as main asks for it: what a worker thread is sent (isolated.ts)
// and what it runs, and what the test hosts run in their own thread.
import type { ImportPlan } from '../../shared/importPlan';
import type { Result } from '../../shared/ipc';
import type { CsvColumnMapping } from './csv';
import { planCsvWithMapping, planImport, type PlanOptions } from './index';

/** What to plan: the options a worker can be sent (no functions). */
export interface PlanRequest {
  path: string;
  options: Omit<PlanOptions, 'onBudgetExtended'>;
  /** The columns picked for a CSV programme, to plan it again with them. */
  mapping?: Partial<CsvColumnMapping>;
}

/** Plans in this thread; `onBudgetExtended` hears of the budget's extensions. */
export function runPlanRequest(request: PlanRequest, onBudgetExtended?: (ms: number) => void): Promise<Result<ImportPlan>> {
  const options = { ...request.options, onBudgetExtended };
  return request.mapping ? planCsvWithMapping(request.path, request.mapping, options) : planImport(request.path, options);
}
