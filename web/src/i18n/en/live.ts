import type { Messages } from '..';

// The live view the screening and the session share, and the question
// before leaving a page whose work would be lost.
export const live = {
  'live.skeleton': 'Your skeleton, live',
  'live.fullscreen': 'Full screen',
  'live.progress': '{label}: progress',
  'live.timerNow': '{s} s',
  'live.timerOf': ' of {target} s',
  'live.countdownIn': 'Recording in ',
  'live.starting': 'Starting the camera and the pose model…',
  'live.cameraOn': 'Camera on. The picture stays on this device.',
  'live.cameraOff': 'Camera off.',
  'live.startCamera': 'Start camera',
  'live.startRecording': 'Start recording',
  'live.stopRecording': 'Stop recording',
  'live.poseStopped': 'Pose estimation stopped: {error}',
  'live.couldNotStart': 'Could not start: {error}',
  'live.leaveAsk': '{message}\n\nLeave this page anyway?',
} as const satisfies Messages;
