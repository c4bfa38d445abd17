import type { Messages } from '..';

// Analysing a video file on the device.
export const video = {
  'video.findLandmarks': 'Find landmarks',
  'video.cancel': 'Cancel',
  'video.chosenStaysHere': 'is chosen. It stays on this device.',
  'video.downloadRecording': 'Download recording',
  'video.framesDone': 'Frames done',
  'video.skeletonFoundInThe': 'Skeleton found in the video',
  'video.loadingTheVideoAnd': 'Loading the video and the pose model…',
  'video.cancelled': 'Cancelled.',
  'video.analyzeAVideoFile': 'Analyze a video file',
  'video.chooseAVideoOf': 'Choose a video of yourself doing the test. It is read on this device; only the body landmarks found in it are kept.',
  'video.videoFile': 'Video file',
  'video.framesPerSecond': 'Frames per second',
  'video.leaveEmptyToUse': 'Leave empty to use every frame of the video.',
  'video.progress': 'Frame {done} of {total}, about {left} left.',
  'video.progressFirst': 'Frame {done} of {total}.',
  'video.done': 'Done: a person was found in {detected} of {frames} frames.',
  'video.analysisFailed': 'The landmarks were found, but the analysis failed: {error}',
  'video.failed': 'Could not analyze the video: {error}',
} as const satisfies Messages;
