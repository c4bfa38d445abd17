import { h } from '../dom';
import type { RouteContext } from '../router';

export function renderHome(ctx: RouteContext): void {
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Stretch without hurting your back'),
    h(
      'p',
      { class: 'lead' },
      'stretchwise watches how you move through your camera, checks whether your lower back stays steady, ',
      'and coaches the stretches that help. The camera picture never leaves this device: only the positions of ',
      'your joints are kept.',
    ),
    h(
      'ul',
      { class: 'cards' },
      h('li', {}, h('a', { href: '/camera', class: 'card' }, h('strong', {}, 'Camera check'), h('span', {}, 'See what the camera sees and whether your whole body is found.'))),
      h('li', {}, h('a', { href: '/video', class: 'card' }, h('strong', {}, 'Analyze a video file'), h('span', {}, 'Use a video you recorded instead of the live camera.'))),
    ),
    h('p', { class: 'disclaimer' }, 'stretchwise is not a medical device and does not diagnose. If you have numbness in the groin, trouble passing urine or new weakness in your legs, stop and get urgent medical help.'),
  );
}

export function renderNotFound(ctx: RouteContext): void {
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'Go to the start page')));
}
