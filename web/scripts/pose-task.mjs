// Builds the pose model bundles (pose_landmarker_lite.task and
// pose_landmarker_full.task) that MediaPipe Tasks' PoseLandmarker loads, from
// the models of the @mediapipe/pose npm package (Apache-2.0). Tasks refuses
// those models as they are: a model with a float image input must say in its
// TFLite metadata how pixels are normalized. This script writes that metadata
// (the documented flatbuffer of TensorFlow Lite Support's
// metadata_schema.fbs, identifier "M001") into each model and stores the two
// models in a zip, the .task format:
//
//   pose_detector.tflite            the person detector (224x224, pixels to [-1, 1])
//   pose_landmarks_detector.tflite  the landmark network (256x256, pixels to [0, 1])
//
// The normalizations are those of MediaPipe's own pose graphs for these
// models. Nothing but the metadata is changed: the networks' bytes are copied.
import { crc32 } from 'node:zlib';

// ---- Reading a flatbuffer (the TFLite model) ----

const u32 = (b, p) => b.readUInt32LE(p);
const i32 = (b, p) => b.readInt32LE(p);
const u16 = (b, p) => b.readUInt16LE(p);

/** fieldPos returns the absolute position of field slot of the table at t, or 0 when absent. */
function fieldPos(b, t, slot) {
  const vt = t - i32(b, t);
  const vtSize = u16(b, vt);
  const at = 4 + 2 * slot;
  if (at >= vtSize) return 0;
  const off = u16(b, vt + at);
  return off === 0 ? 0 : t + off;
}

/** deref follows the uoffset stored at p. */
const deref = (b, p) => p + u32(b, p);

/** vectorOfTables returns the absolute positions of the tables of the vector at v. */
function vectorOfTables(b, v) {
  const n = u32(b, v);
  const out = [];
  for (let k = 0; k < n; k++) out.push(deref(b, v + 4 + 4 * k));
  return out;
}

// TFLite's Model table (tensorflow/lite/schema/schema.fbs), by slot.
const MODEL_VERSION = 0;
const MODEL_BUFFERS = 4;
const MODEL_METADATA = 6;
const MODEL_OFFSET_SLOTS = new Set([1, 2, 3, 4, 5, 6, 7]); // operator_codes … signature_defs
const MODEL_SLOTS = 8;

// ---- Writing a flatbuffer, front to back ----
//
// Flatbuffer offsets point forward, so a parent is written before its
// children and its offset fields are patched once the children are placed.
// Nodes: {table: [field per slot]}, {string}, {floats}, {bytes, align},
// {tables: [node]}, {abs: position} (an object already in the output).
// Fields: null (absent), {u8}, {u32}, {ref: node}.

class Writer {
  constructor() {
    this.buf = Buffer.alloc(1 << 16);
    this.len = 0;
  }
  grow(n) {
    if (this.len + n <= this.buf.length) return;
    const b = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(b, 0, 0, this.len);
    this.buf = b;
  }
  /** pad until len % align == rem. */
  pad(align, rem = 0) {
    const n = (((rem - this.len) % align) + align) % align;
    this.grow(n);
    this.len += n;
  }
  u8(v) {
    this.grow(1);
    this.buf.writeUInt8(v, this.len++);
  }
  u16(v) {
    this.grow(2);
    this.buf.writeUInt16LE(v, this.len);
    this.len += 2;
  }
  u32(v) {
    this.grow(4);
    this.buf.writeUInt32LE(v >>> 0, this.len);
    this.len += 4;
  }
  f32(v) {
    this.grow(4);
    this.buf.writeFloatLE(v, this.len);
    this.len += 4;
  }
  raw(bytes) {
    this.grow(bytes.length);
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).copy(this.buf, this.len);
    this.len += bytes.length;
  }
  /** patch points the uoffset at p to the absolute position target (> p). */
  patch(p, target) {
    if (target <= p) throw new Error(`flatbuffer: offset at ${p} would point backwards to ${target}`);
    this.buf.writeUInt32LE(target - p, p);
  }
  /** node writes n and returns its absolute position. */
  node(n) {
    if (n.abs !== undefined) return n.abs;
    if (n.string !== undefined) {
      this.pad(4);
      const at = this.len;
      const s = Buffer.from(n.string, 'utf8');
      this.u32(s.length);
      this.raw(s);
      this.u8(0);
      return at;
    }
    if (n.floats) {
      this.pad(4);
      const at = this.len;
      this.u32(n.floats.length);
      for (const f of n.floats) this.f32(f);
      return at;
    }
    if (n.bytes) {
      this.pad(n.align ?? 4, (n.align ?? 4) - 4); // the data after the length is aligned
      const at = this.len;
      this.u32(n.bytes.length);
      this.raw(n.bytes);
      return at;
    }
    if (n.tables) {
      this.pad(4);
      const at = this.len;
      this.u32(n.tables.length);
      const slots = n.tables.map(() => {
        const p = this.len;
        this.u32(0);
        return p;
      });
      n.tables.forEach((t, k) => this.patch(slots[k], this.node(t)));
      return at;
    }
    if (n.table) return this.table(n.table);
    throw new Error('flatbuffer: unknown node');
  }
  /** table writes a vtable and its table; every present field takes 4 bytes. */
  table(fields) {
    this.pad(4);
    const vt = this.len;
    const present = fields.filter((f) => f);
    this.u16(4 + 2 * fields.length);
    this.u16(4 + 4 * present.length);
    let off = 4;
    for (const f of fields) {
      this.u16(f ? off : 0);
      if (f) off += 4;
    }
    this.pad(4);
    const t = this.len;
    this.u32(t - vt); // soffset: vtable = table - soffset
    const refs = [];
    for (const f of fields) {
      if (!f) continue;
      if (f.u8 !== undefined) this.u32(f.u8); // little-endian: the byte comes first
      else if (f.u32 !== undefined) this.u32(f.u32);
      else {
        refs.push([this.len, f.ref]);
        this.u32(0);
      }
    }
    for (const [p, child] of refs) this.patch(p, this.node(child));
    return t;
  }
  /** root writes a whole buffer: root offset, identifier, then the root node. */
  static root(ident, build) {
    const w = new Writer();
    w.u32(0);
    w.raw(Buffer.from(ident, 'ascii'));
    const r = build(w);
    w.buf.writeUInt32LE(r, 0);
    return w.buf.subarray(0, w.len);
  }
}

// ---- The metadata ----

const ref = (node) => ({ ref: node });
const str = (s) => ref({ string: s });
const CONTENT_IMAGE_PROPERTIES = 2; // ContentProperties union
const COLOR_SPACE_RGB = 1;
const PROCESS_UNIT_NORMALIZATION = 1; // ProcessUnitOptions union

/**
 * modelMetadata builds a ModelMetadata flatbuffer for a model whose one
 * input is an RGB image normalized as (pixel - mean) / std.
 */
export function modelMetadata({ name, description, mean, std, min, max }) {
  const image = {
    table: [
      str('image'), // name
      str(`RGB image, each channel as (value - ${mean}) / ${std}`), // description
      null, // dimension_names
      ref({ table: [{ u8: CONTENT_IMAGE_PROPERTIES }, ref({ table: [{ u8: COLOR_SPACE_RGB }] })] }), // content
      ref({ tables: [{ table: [{ u8: PROCESS_UNIT_NORMALIZATION }, ref({ table: [ref({ floats: [mean] }), ref({ floats: [std] })] })] }] }), // process_units
      ref({ table: [ref({ floats: [max] }), ref({ floats: [min] })] }), // stats
    ],
  };
  const subgraph = { table: [null, null, ref({ tables: [image] })] };
  return Writer.root('M001', (w) =>
    w.table([
      str(name),
      str(description),
      str('1'),
      ref({ tables: [subgraph] }),
      str('Google (model); metadata written by stretchwise'),
      str('Apache-2.0'),
      null,
      str('1.0.0'), // min_parser_version: the fields above are all 1.0.0 fields
    ]),
  );
}

/**
 * withMetadata returns the TFLite model with metadata added as the
 * "TFLITE_METADATA" entry (a new buffer). The original bytes are kept whole
 * behind a new root table that reuses all of their tables.
 */
export function withMetadata(model, metadata) {
  if (model.toString('ascii', 4, 8) !== 'TFL3') throw new Error('not a TFLite model (no TFL3 identifier)');
  const root = u32(model, 0);
  const fields = [];
  for (let s = 0; s < MODEL_SLOTS; s++) fields.push(fieldPos(model, root, s));
  const vt = root - i32(model, root);
  if (u16(model, vt) > 4 + 2 * MODEL_SLOTS) throw new Error('TFLite model has fields this script does not know');
  for (const p of [fields[MODEL_BUFFERS]]) if (!p) throw new Error('TFLite model has no buffers');
  const oldMeta = fields[MODEL_METADATA] ? vectorOfTables(model, deref(model, fields[MODEL_METADATA])) : [];
  for (const m of oldMeta) {
    const name = deref(model, fieldPos(model, m, 0));
    if (model.toString('utf8', name + 4, name + 4 + u32(model, name)) === 'TFLITE_METADATA') throw new Error('model already has TFLite metadata');
  }
  const oldBuffers = vectorOfTables(model, deref(model, fields[MODEL_BUFFERS]));

  // The prefix's size does not depend on where the original lands (every
  // field is 4 bytes), so write it twice: once to measure, once for real.
  const build = (shift) =>
    Writer.root('TFL3', (w) => {
      const abs = (p) => ({ abs: shift + p });
      const newFields = fields.map((p, s) => {
        if (s === MODEL_VERSION) return p ? { u32: u32(model, p) } : null;
        if (s === MODEL_BUFFERS)
          return ref({ tables: [...oldBuffers.map(abs), { table: [ref({ bytes: metadata, align: 16 })] }] });
        if (s === MODEL_METADATA)
          return ref({
            tables: [...oldMeta.map(abs), { table: [str('TFLITE_METADATA'), { u32: oldBuffers.length }] }],
          });
        if (!p) return null;
        if (!MODEL_OFFSET_SLOTS.has(s)) throw new Error(`TFLite model field ${s} is not an offset`);
        return ref(abs(deref(model, p)));
      });
      return w.table(newFields);
    });
  // The original's alignment (buffers are 16-aligned) holds if it moves by a multiple of 64.
  const shift = Math.ceil(build(1 << 30).length / 64) * 64;
  const prefix = build(shift);
  if (prefix.length > shift) throw new Error('flatbuffer prefix grew between passes');
  return Buffer.concat([prefix, Buffer.alloc(shift - prefix.length), model]);
}

// ---- The zip (stored, no compression) ----

/** zipStored returns a zip archive of files ([name, bytes]) without compression. */
export function zipStored(files) {
  const parts = [];
  const central = [];
  let at = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, so the bundle is reproducible
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    local.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    local.copy(c, 8, 6, 30); // flags … name length, as in the local header
    c.writeUInt16LE(0, 30); // extra
    c.writeUInt16LE(0, 32); // comment
    c.writeUInt16LE(0, 34); // disk
    c.writeUInt16LE(0, 36); // internal attributes
    c.writeUInt32LE(0, 38); // external attributes
    c.writeUInt32LE(at, 42);
    parts.push(local, n, data);
    central.push(c, n);
    at += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...parts, cd, end]);
}

/**
 * poseTask builds one .task bundle from the person detector and a landmark
 * model (lite or full) of @mediapipe/pose.
 */
export function poseTask(detector, landmarks, variant) {
  const det = withMetadata(
    detector,
    modelMetadata({
      name: 'BlazePose detector',
      description: 'Finds a person and the alignment points of the body (MediaPipe Pose, pose_detection.tflite).',
      mean: 127.5,
      std: 127.5,
      min: -1,
      max: 1,
    }),
  );
  const lm = withMetadata(
    landmarks,
    modelMetadata({
      name: `BlazePose GHUM 3D ${variant}`,
      description: `33 body landmarks in a 256x256 crop (MediaPipe Pose, pose_landmark_${variant}.tflite).`,
      mean: 0,
      std: 255,
      min: 0,
      max: 1,
    }),
  );
  return zipStored([
    ['pose_detector.tflite', det],
    ['pose_landmarks_detector.tflite', lm],
  ]);
}
