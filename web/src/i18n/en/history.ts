import type { Messages } from '..';

// The history page.
export const history = {
  'history.yourHistory': 'Your history',
} as const satisfies Messages;
