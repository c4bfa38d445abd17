import { describe, expect, it } from 'vitest';
import { mediaInRequest, type RecordedRequest } from './harness';

const req = (body: Buffer | string | null, contentType = 'application/json', url = 'http://x/api/v1/recordings'): RecordedRequest => ({
  method: 'POST', url, resourceType: 'fetch', contentType,
  body: body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(body),
});

describe('mediaInRequest', () => {
  it('passes landmark recordings and form answers', () => {
    expect(mediaInRequest(req('{"format":"stretchwise-recording"}\n{"t":0,"lm":null}\n', 'application/jsonl'))).toBe('');
    expect(mediaInRequest(req('{"email":"a@b.c"}'))).toBe('');
    expect(mediaInRequest(req(null, '', 'http://x/mediapipe/pose.js'))).toBe('');
  });
  it('catches images and video however they are sent', () => {
    expect(mediaInRequest(req('x', 'image/png'))).toMatch(/content type/);
    expect(mediaInRequest(req(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'application/octet-stream'))).toMatch(/jpeg/);
    expect(mediaInRequest(req(Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom')]), ''))).toMatch(/mp4/);
    expect(mediaInRequest(req('{"shot":"data:image/jpeg;base64,AAAA"}'))).toMatch(/data: URL/);
    expect(mediaInRequest(req(JSON.stringify({ frame: 'A'.repeat(5000) })))).toMatch(/base64/);
    expect(mediaInRequest(req(null, '', 'data:image/png;base64,AAAA'))).toMatch(/data: URL/);
  });
});
