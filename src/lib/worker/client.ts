/** The main thread's handle on the analytics worker (typed through Comlink). */
import { wrap, type Remote } from 'comlink';
import type { AnalyticsApi } from './api-types';

const worker = new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module', name: 'mandegar-analytics' });

export const api: Remote<AnalyticsApi> = wrap<AnalyticsApi>(worker);
