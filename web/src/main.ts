import { mountLayout } from './layout';
import { notFound, routes } from './routes';
import { Router } from './router';
import './style.css';

const app = document.getElementById('app');
if (!app) throw new Error('index.html has no #app element');
const layout = mountLayout(app, routes, __APP_VERSION__);
new Router(routes, layout.outlet, notFound, layout.setActive).start();
