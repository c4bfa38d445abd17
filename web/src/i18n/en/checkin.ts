import type { Messages } from '..';

// The morning check-in.
export const checkin = {
  'checkin.backPainThisMorning': 'Back pain this morning',
  'checkin.legPainThisMorning': 'Leg pain this morning',
  'checkin.stiffnessThisMorningOptional': 'Stiffness this morning (optional)',
  'checkin.saveCheckIn': 'Save check-in',
  'checkin.anythingElseOptional': 'Anything else? (optional)',
  'checkin.savedThankYou': 'Your check-in is saved. Thank you.',
  'checkin.thereIsNoFinished': 'There is no finished session with your pain before and during it to compare this morning with: your dose stays as it is.',
  'checkin.oneLevelUp': 'One level up',
  'checkin.sameLevel': 'Same level',
  'checkin.oneLevelGentler': 'One level gentler',
  'checkin.whyAndHowIt': 'Why, and how it is undone',
  'checkin.howIsYourBack': 'How is your back the morning after a session? Pain that has settled by now is fine; pain that is worse means the next session should be gentler.',
  'checkin.stiff.none': 'none',
  'checkin.stiff.little': 'a little',
  'checkin.stiff.some': 'some',
  'checkin.stiff.lot': 'a lot',
  'checkin.next': 'Next session: {words}',
  'checkin.source': 'Source: {source}',
  'checkin.undo': 'Undo: {undo}',
} as const satisfies Messages;
