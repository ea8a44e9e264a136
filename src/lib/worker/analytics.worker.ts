/** The analytics web worker: exposes the API over Comlink; owns parsing, storage and computation. */
import { expose } from 'comlink';
import { MandegarDB } from '../db/schema';
import { createApi } from './api';

expose(createApi(new MandegarDB()));
