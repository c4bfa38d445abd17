// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { cameraButton } from './live-camera';

function setup(start: () => Promise<void>) {
  const button = document.createElement('button');
  const status = document.createElement('p');
  const stop = vi.fn(async () => undefined);
  cameraButton(button, status, start, stop);
  return { button, status, stop };
}

describe('the button that starts a live camera', () => {
  it('holds the button while the camera starts, then hides it and says the camera is on', async () => {
    let open!: () => void;
    const { button, status, stop } = setup(() => new Promise<void>((resolve) => (open = resolve)));
    button.click();
    expect(button.disabled).toBe(true);
    expect(status.textContent).toBe('Starting the camera and the pose model…');
    open();
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    expect(button.hidden).toBe(true);
    expect(status.textContent).toBe('Camera on. The picture stays on this device.');
    expect(stop).not.toHaveBeenCalled();
  });

  it('says why a start failed, cleans up, and offers the button again', async () => {
    const { button, status, stop } = setup(async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    button.click();
    await vi.waitFor(() => expect(stop).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    expect(button.hidden).toBe(false);
    expect(status.textContent).toBe('Could not start: The camera was not allowed. Allow it in the browser and try again.');
  });
});
