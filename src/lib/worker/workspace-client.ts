/** The page's handle on the worker's workspace calls (same worker and Comlink link as client.ts). */
import type { Remote } from 'comlink';
import { api } from './client';
import type { WorkspaceApi } from './workspace';

export const workspaceApi = api as unknown as Remote<WorkspaceApi>;
