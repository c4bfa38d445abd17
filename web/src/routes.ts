// The app's pages. Each flow of the app (sign-up, intake, screening, plan,
// session, history, clinician) is one entry here with its module under
// pages/; the layout builds the navigation from the entries with a nav label.
import { renderCamera } from './pages/camera';
import { renderExtract } from './pages/extract';
import { renderHome, renderNotFound } from './pages/home';
import { renderVideo } from './pages/video';
import { renderAccount, renderLogin, renderSignup } from './pages/account';
import { renderReset } from './pages/account-settings';
import { renderCheckIn } from './pages/checkin';
import { renderClinician } from './pages/clinician';
import { renderHistory } from './pages/history';
import { renderIntake } from './pages/intake';
import { renderPlan } from './pages/plan';
import { renderScreening } from './pages/screening';
import { renderSession } from './pages/session';
import { renderDemos } from './demo/page';
import type { Route } from './router';

export const routes: Route[] = [
  { path: '/', title: 'Home', nav: 'Home', render: renderHome },
  { path: '/camera', title: 'Camera check', nav: 'Camera check', render: renderCamera },
  { path: '/video', title: 'Analyze a video file', nav: 'Video file', render: renderVideo },
  // The patient's and the clinician's flows.
  { path: '/signup', title: 'Create an account', render: renderSignup },
  { path: '/login', title: 'Sign in', render: renderLogin },
  { path: '/reset', title: 'Forgot your password?', render: renderReset },
  { path: '/account', title: 'Your account', nav: 'Account', render: renderAccount },
  { path: '/intake', title: 'Before we start', nav: 'Intake', render: renderIntake },
  { path: '/screening', title: 'Screening', nav: 'Screening', render: renderScreening },
  { path: '/plan', title: 'Your plan', nav: 'Plan', render: renderPlan },
  { path: '/session', title: 'Today’s session', nav: 'Session', render: renderSession },
  { path: '/history', title: 'Your history', nav: 'History', render: renderHistory },
  { path: '/checkin', title: 'Morning check-in', nav: 'Check-in', render: renderCheckIn },
  { path: '/clinician', title: 'Clinician dashboard', nav: 'Clinician', render: renderClinician },
  { path: '/demos', title: 'Exercise demonstrations', nav: 'Demonstrations', render: renderDemos },
  // Driven by `stretchwise extract` in headless Chromium; not in the navigation.
  { path: '/extract', title: 'Extract landmarks', render: renderExtract },
];

export const notFound: Route = { path: '', title: 'Page not found', render: renderNotFound };
