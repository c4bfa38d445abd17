import type { Messages } from '..';

// Words of the live camera parts the screening and the session share: the
// cues, the spoken-cue switch, the frame-rate warning and the placement picture.
export const cues = {
  'cue.muteSpokenCues': 'Mute spoken cues',
  'cue.getIntoPosition': 'Get into position.',
  'cue.timeSlowlyComeOut': 'Time. Slowly come out of the position.',
  'cue.goodHoldItThere': 'Good. Hold it there and breathe.',
  'cue.theTimerRunsWhile': 'The timer runs while I can see your hips, knees and shoulders. Form is not checked by the camera for this exercise yet: follow the steps above.',
  'cue.lowerYourArmAnd': 'Lower your arm and leg slowly',
  'cue.comeOutOfThe': 'Come out of the stretch slowly',
  'cue.cantSeeYou': 'I can’t see you well. Move back into view.',
  'cue.wellDone': 'Well done. {out}, then tell me how it felt.',
  'cue.heldFor': 'You held it in good form for {s} of {target} seconds. {out}, then tell me how it felt.',
  'cue.notCountedReach': 'That hold did not count: I did not see a steady, level reach. {out}, then tell me how it felt.',
  'cue.notCountedStretch': 'That hold did not count: I did not see the stretch in good form. {out}, then tell me how it felt.',
  'cue.lowFrameRate': 'This device checks only about {fps} pictures a second, too few for reliable cues and measures ({min} or more are needed). Close other apps or tabs, or use a faster device.',
  'cue.placementRear': 'Seen from above: the phone on the floor straight behind you, in line with your spine, 2 to 3 metres away, at hip height.',
  'cue.placementSide': 'Seen from above: the phone level with your hips, straight out to your {side} side, 2 to 3 metres away, at hip height.',
  'cue.placementPhone': 'phone',
  'cue.placementBehind': 'straight behind you',
  'cue.placementSideOn': '{side} side on',
} as const satisfies Messages;
