// The stage: a video with the skeleton canvas laid exactly over it. The
// canvas takes the video's pixel size, and both share the box's aspect
// ratio, so normalized landmarks line up with the picture at any width.
import { h } from '../dom';
import type { LandmarkTuple, PoseLandmark } from '../recording';
import { drawSkeleton } from './skeleton';

export class Stage {
  readonly el: HTMLDivElement;
  readonly video: HTMLVideoElement;
  readonly overlay: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(label: string) {
    this.video = h('video', { muted: true, playsinline: true, 'aria-hidden': 'true', class: 'stage-video' });
    this.overlay = h('canvas', { class: 'stage-overlay', role: 'img', 'aria-label': label, 'data-testid': 'skeleton' });
    this.el = h('div', { class: 'stage' }, this.video, this.overlay);
    const ctx = this.overlay.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    this.ctx = ctx;
  }

  /** fit sizes the overlay to the video's picture; call once the video has its size. */
  fit(): void {
    const w = this.video.videoWidth || 640;
    const hgt = this.video.videoHeight || 480;
    if (this.overlay.width !== w || this.overlay.height !== hgt) {
      this.overlay.width = w;
      this.overlay.height = hgt;
    }
    this.el.style.aspectRatio = `${w} / ${hgt}`;
  }

  draw(lm: readonly PoseLandmark[] | readonly LandmarkTuple[] | null): void {
    drawSkeleton(this.ctx, lm);
  }
}
