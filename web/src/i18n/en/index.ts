// The English catalogue, the reference for every other language. One file
// per part of the app keeps the keys of a page together; the key's prefix
// names the part ("plan.", "session."), and a key appears in one file only
// (the unit test checks).
import { common } from './common';
import { home } from './home';
import { screening } from './screening';
import { session } from './session';

/** The English parts, each a flat map of key to message. */
export const parts = { common, home, screening, session };

export const en = { ...common, ...home, ...screening, ...session };

export type MessageKey = keyof typeof en;
