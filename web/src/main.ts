import { mountLayout } from './layout';
import { notFound, routes } from './routes';
import { Router } from './router';
import './style.css';
import { language } from './i18n';

document.documentElement.lang = language();
const app = document.getElementById('app');
if (!app) throw new Error('index.html has no #app element');
const layout = mountLayout(app, routes, __APP_VERSION__);
new Router(routes, layout.outlet, notFound, layout.setActive).start();
