/**
 * A worker thread that runs hunts for the web server: the engine is CPU-bound and synchronous,
 * so in the server's own thread one hunt would stall every page for its whole run. Here a
 * runaway hunt only holds its worker, which the pool can terminate (see hunt-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TableSchema } from '../../kql/index.js';
import type { HuntDownload } from './hunt-request.js';
import { huntCsv, huntJson, huntResponseBody, runHunt, type HuntRequest } from './run-hunt.js';

/** What the pool sends: one hunt. */
export interface HuntJob {
  id: number;
  request: HuntRequest;
  download: HuntDownload;
  maxRows: number;
}

/** What the worker answers: the API body and, for a download, the file's text. */
export interface HuntJobResult {
  id: number;
  body: ReturnType<typeof huntResponseBody>;
  file?: string;
}

const schemas = new Map((workerData as { schemas: TableSchema[] }).schemas.map((s) => [s.name, s]));

parentPort!.on('message', async (job: HuntJob) => {
  const outcome = await runHunt(job.request, schemas, job.maxRows);
  const result: HuntJobResult = { id: job.id, body: huntResponseBody(outcome) };
  if (outcome.ok && job.download) result.file = job.download === 'csv' ? huntCsv(outcome) : huntJson(outcome);
  parentPort!.postMessage(result);
});
