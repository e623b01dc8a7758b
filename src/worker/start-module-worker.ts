import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` (given without extension) that sits beside the module whose
 * `import.meta.url` is `base`. Built, that is the sibling `.js` file. Under tsx (tests,
 * `npm run socfeed`) the caller is `.ts`: Node 20 does not carry `--import tsx` into workers,
 * so the worker registers tsx first, then imports the `.ts` file.
 */
export function startModuleWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
