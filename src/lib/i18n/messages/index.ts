/** The messages of every language, keyed by language code. */
import type { Lang } from '../format';
import { en, type MessageKey } from './en';
import { fa } from './fa';
import { ru } from './ru';

export type { MessageKey };
/** A language's messages: every English key, each a string (a missing key is a type error). */
export type Messages = Record<MessageKey, string>;

export const MESSAGES: Record<Lang, Messages> = { en, fa, ru };
