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
import { t } from './i18n';

export const routes: Route[] = [
  { path: '/', title: t('route.home.title'), nav: t('route.home.nav'), render: renderHome },
  { path: '/camera', title: t('route.camera.title'), nav: t('route.camera.nav'), render: renderCamera },
  { path: '/video', title: t('route.video.title'), nav: t('route.video.nav'), render: renderVideo },
  // The patient's and the clinician's flows.
  { path: '/signup', title: t('route.signup.title'), render: renderSignup },
  { path: '/login', title: t('route.login.title'), render: renderLogin },
  { path: '/reset', title: t('route.reset.title'), render: renderReset },
  { path: '/account', title: t('route.account.title'), nav: t('route.account.nav'), render: renderAccount },
  { path: '/intake', title: t('route.intake.title'), nav: t('route.intake.nav'), role: 'patient', render: renderIntake },
  { path: '/screening', title: t('route.screening.title'), nav: t('route.screening.nav'), role: 'patient', render: renderScreening },
  { path: '/plan', title: t('route.plan.title'), nav: t('route.plan.nav'), role: 'patient', render: renderPlan },
  { path: '/session', title: t('route.session.title'), nav: t('route.session.nav'), role: 'patient', render: renderSession },
  { path: '/history', title: t('route.history.title'), nav: t('route.history.nav'), role: 'patient', render: renderHistory },
  { path: '/checkin', title: t('route.checkin.title'), nav: t('route.checkin.nav'), role: 'patient', render: renderCheckIn },
  { path: '/clinician', title: t('route.clinician.title'), nav: t('route.clinician.nav'), role: 'clinician', render: renderClinician },
  { path: '/demos', title: t('route.demos.title'), nav: t('route.demos.nav'), render: renderDemos },
  // Driven by `stretchwise extract` in headless Chromium; not in the navigation.
  { path: '/extract', title: t('route.extract.title'), render: renderExtract },
];

export const notFound: Route = { path: '', title: t('app.notFound.title'), render: renderNotFound };
