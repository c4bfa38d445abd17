import type { Messages } from '..';

// The guided session page.
export const session = {
} as const satisfies Messages;
