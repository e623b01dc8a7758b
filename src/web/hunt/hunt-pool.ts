import type { Worker } from 'node:worker_threads';
import type { TableSchema } from '../../kql/index.js';
import { startModuleWorker } from '../../worker/start-module-worker.js';
import { HUNT_LIMITS } from './hunt-limits.js';
import type { HuntDownload } from './hunt-request.js';
import { failure, type HuntRequest } from './run-hunt.js';
import type { HuntJob, HuntJobResult } from './hunt-worker.js';

/** Extra time past the engine's own limit before a worker is terminated (the engine checks its clock between steps). */
const GRACE_MS = 5_000;
/** Heap of one hunt worker: a hunt that needs more dies alone, the server lives on. */
const WORKER_HEAP_MB = 1024;

interface Slot {
  worker: Worker | null;
  busy: boolean;
}

/**
 * Up to HUNT_LIMITS.maxConcurrent hunt workers, started on first use and kept (each loads the
 * KQL frontend once). A hunt past its time limit plus a grace period, or one that exhausts its
 * worker's heap, ends its worker and comes back as a `limit` failure; the next hunt starts a
 * fresh one. Idle workers do not keep the process alive.
 */
export class HuntPool {
  private readonly slots: Slot[] = Array.from({ length: HUNT_LIMITS.maxConcurrent }, () => ({ worker: null, busy: false }));
  private nextId = 1;

  constructor(private readonly schemas: TableSchema[]) {}

  /** Runs a hunt on an idle worker; null when every worker is busy. */
  run(request: HuntRequest, download: HuntDownload, maxRows: number): Promise<Omit<HuntJobResult, 'id'>> | null {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) return null;
    slot.busy = true;
    const worker = (slot.worker ??= startModuleWorker(import.meta.url, 'hunt-worker', {
      workerData: { schemas: this.schemas },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    }));
    worker.ref();
    const job: HuntJob = { id: this.nextId++, request, download, maxRows };
    return new Promise((resolve) => {
      const done = (result: Omit<HuntJobResult, 'id'>, dead: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (dead) {
          slot.worker = null;
          void worker.terminate();
        } else worker.unref();
        slot.busy = false;
        resolve(result);
      };
      const onMessage = (m: HuntJobResult) => {
        if (m.id === job.id) done({ body: m.body, ...(m.file !== undefined ? { file: m.file } : {}) }, false);
      };
      // A worker that runs out of heap emits 'error' (ERR_WORKER_OUT_OF_MEMORY) and exits.
      const onError = (err: Error) =>
        done({ body: failure('limit', /out of memory/i.test(err.message) ? `the hunt needed more than ${WORKER_HEAP_MB} MB of memory and was stopped` : `the hunt failed: ${err.message}`) }, true);
      const onExit = () => done({ body: failure('limit', 'the hunt worker stopped unexpectedly') }, true);
      const timer = setTimeout(
        () => done({ body: failure('limit', `the hunt ran longer than ${(HUNT_LIMITS.timeoutMs + GRACE_MS) / 1000} s and was stopped`) }, true),
        HUNT_LIMITS.timeoutMs + GRACE_MS,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
