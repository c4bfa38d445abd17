import { describe, expect, it } from 'vitest';
import { makeFrame, makeHeader, parseJSONL, Recorder, type PoseLandmark } from './recording';

function pose(seed: number): PoseLandmark[] {
  return Array.from({ length: 33 }, (_, i) => ({
    x: 0.1 + i / 100 + seed / 1000,
    y: 0.2 + i / 200,
    z: -0.123456789,
    visibility: 0.987654321,
  }));
}

describe('recording', () => {
  it('writes the header of the recording format', () => {
    const h = makeHeader({
      width: 1280, height: 720, fps: 30, view: 'rear-left', exercise: 'bird-dog',
      runtime: 'mediapipe-pose 0.5.1675469404', model: 'full',
    });
    expect(h).toEqual({
      format: 'stretchwise-recording', version: 1, topology: 'blazepose33',
      fps: 30, width: 1280, height: 720, view: 'rear-left', exercise: 'bird-dog',
      source: 'mediapipe-pose 0.5.1675469404 full',
    });
    expect(() => makeHeader({ width: 0, height: 720, runtime: 'x', model: 'lite' })).toThrow(/width/);
  });

  it('writes frames with null lm when no person was found', () => {
    const none = makeFrame(0.5, undefined, undefined);
    expect(JSON.stringify(none)).toBe('{"t":0.5,"lm":null}');
    const short = makeFrame(0.6, pose(0).slice(1), undefined);
    expect(short.lm).toBeNull();
  });

  it('rounds landmarks and keeps 33 [x,y,z,v] tuples', () => {
    const f = makeFrame(1 / 30, pose(1), pose(2));
    expect(f.t).toBe(0.033333);
    expect(f.lm).toHaveLength(33);
    expect(f.lm![0]).toEqual([0.101, 0.2, -0.12346, 0.9877]);
    expect(f.world![0]).toEqual([0.102, 0.2, -0.1235, 0.9877]);
  });

  it('drops frames whose time does not increase and round-trips JSON Lines', () => {
    const r = new Recorder(makeHeader({ width: 10, height: 20, runtime: 'mediapipe-tasks-vision v', model: 'lite' }));
    expect(r.add(makeFrame(0, pose(0), null))).toBe(true);
    expect(r.add(makeFrame(0, pose(1), null))).toBe(false);
    expect(r.add(makeFrame(0.1, null, null))).toBe(true);
    expect(r.detected).toBe(1);
    const text = r.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(4);
    const back = parseJSONL(text);
    expect(back.header.source).toBe('mediapipe-tasks-vision v lite');
    expect(back.frames).toEqual(r.frames);
    expect(() => parseJSONL(text.replace('"t":0.1', '"t":0'))).toThrow(/line 3/);
  });

  it('starts a live recording at time zero on its first frame, whenever the camera loop began', () => {
    const r = new Recorder(makeHeader({ width: 640, height: 480, runtime: 'x', model: 'lite' }));
    expect(r.addLive(12.5, pose(0), undefined)).toBe(true);
    expect(r.addLive(12.75, null, undefined)).toBe(true);
    expect(r.addLive(12.75, pose(1), undefined)).toBe(false);
    expect(r.addLive(13.5, pose(2), pose(2))).toBe(true);
    expect(r.frames.map((f) => f.t)).toEqual([0, 0.25, 1]);
    expect(r.frames.map((f) => f.lm !== null)).toEqual([true, false, true]);
    expect(r.frames[2]!.world).toHaveLength(33);
  });
});
