import type { Messages } from '..';

// The camera check.
export const camera = {
  'camera.startCamera': 'Start camera',
  'camera.stopCamera': 'Stop camera',
  'camera.startRecording': 'Start recording',
  'camera.downloadRecording': 'Download recording',
  'camera.cameraOff': 'Camera off',
  'camera.yourSkeletonLive': 'Your skeleton, live',
  'camera.startingTheCameraAnd': 'Starting the camera and the pose model…',
  'camera.cameraOnThePicture': 'Camera on. The picture stays on this device.',
  'camera.personFound': 'Person found',
  'camera.noPersonInView': 'No person in view',
  'camera.cameraOff2': 'Camera off.',
  'camera.stopRecording': 'Stop recording',
  'camera.recordingTheLandmarks': 'Recording the landmarks…',
  'camera.seeWhatTheCamera': 'See what the camera sees and whether your whole body is found. Nothing of the picture leaves this device.',
  'camera.stopped': 'Pose estimation stopped: {error}',
  'camera.couldNotStart': 'Could not start: {error}',
  'camera.recorded': 'Recorded {frames} frames; a person was found in {detected}.',
} as const satisfies Messages;
