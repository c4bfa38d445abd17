import type { Messages } from '..';

// The start page.
export const home = {
} as const satisfies Messages;
