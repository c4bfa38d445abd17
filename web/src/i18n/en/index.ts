// The English catalogue, the reference for every other language. One file
// per part of the app keeps the keys of a page together; the key's prefix
// names the part ("plan.", "session."), and a key appears in one file only
// (the unit test checks).
import { common } from './common';
import { cues } from './cues';
import { camera } from './camera';
import { extract } from './extract';
import { issue } from './issue';
import { components } from './components';
import { demos } from './demos';
import { video } from './video';
import { history } from './history';
import { report } from './report';
import { account } from './account';
import { clinician } from './clinician';
import { checkin } from './checkin';
import { home } from './home';
import { intake } from './intake';
import { live } from './live';
import { plan } from './plan';
import { screening } from './screening';
import { session } from './session';

/** The English parts, each a flat map of key to message. */
export const parts = { common, home, intake, live, plan, screening, session, checkin, clinician, account, report, history, video, demos, components, issue, extract, camera, cues };

export const en = { ...common, ...home, ...intake, ...live, ...plan, ...screening, ...session, ...checkin, ...clinician, ...account, ...report, ...history, ...video, ...demos, ...components, ...issue, ...extract, ...camera, ...cues };

export type MessageKey = keyof typeof en;
