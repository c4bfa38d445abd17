import type { Messages } from '..';

// The screening page.
export const screening = {
} as const satisfies Messages;
