// The app's pages. Each flow of the app (sign-up, intake, screening, plan,
// session, history, clinician) is one entry here with its module under
// pages/; the layout builds the navigation from the entries with a nav label.
import { renderCamera } from './pages/camera';
import { renderExtract } from './pages/extract';
import { renderHome, renderNotFound } from './pages/home';
import { renderVideo } from './pages/video';
import type { Route } from './router';

export const routes: Route[] = [
  { path: '/', title: 'Home', nav: 'Home', render: renderHome },
  { path: '/camera', title: 'Camera check', nav: 'Camera check', render: renderCamera },
  { path: '/video', title: 'Analyze a video file', nav: 'Video file', render: renderVideo },
  // Driven by `stretchwise extract` in headless Chromium; not in the navigation.
  { path: '/extract', title: 'Extract landmarks', render: renderExtract },
];

export const notFound: Route = { path: '', title: 'Page not found', render: renderNotFound };
