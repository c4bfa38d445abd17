import type { Messages } from '..';

// The camera check.
export const camera = {
  'camera.stopCamera': 'Stop camera',
  'camera.downloadRecording': 'Download recording',
  'camera.cameraOff': 'Camera off',
  'camera.personFound': 'Person found',
  'camera.noPersonInView': 'No person in view',
  'camera.recordingTheLandmarks': 'Recording the landmarks…',
  'camera.seeWhatTheCamera': 'See what the camera sees and whether your whole body is found. Nothing of the picture leaves this device.',
  'camera.recorded': 'Recorded {frames} frames; a person was found in {detected}.',
} as const satisfies Messages;
