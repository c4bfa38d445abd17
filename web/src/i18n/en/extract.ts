import type { Messages } from '..';

// The extraction page `stretchwise extract` drives in headless Chromium.
export const extract = {
  'extract.framesDone': 'Frames done',
  'extract.skeletonFoundInThe': 'Skeleton found in the video',
  'extract.loadingTheVideoAnd': 'Loading the video and the pose model…',
  'extract.failed': 'Extraction failed: {error}',
  'extract.progress': 'Frame {done} of {total}',
} as const satisfies Messages;
