package sqlstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"sync"

	"github.com/klauspost/compress/huff0"
)

// encodingHuff0 names how recordings are stored at rest since zstd cost a
// quarter of the server's CPU per upload: the uploaded bytes cut into blocks
// of huffBlock bytes, each Huffman-coded on its own with huff0 (the entropy
// stage of zstd without its search for repeated strings), with a CRC-32C of
// the whole recording. Landmark text is mostly digits, which Huffman codes
// in about 3.5 bits each: 2.1x on 60 s recordings (zstd's fastest level:
// 2.5-2.7x), at a quarter to a fifth of zstd's CPU time (docs/benchmarks.md).
// Rows stored as "zstd" are still read.
//
// The layout, all integers unsigned varints:
//
//	length of the recording, CRC-32C (Castagnoli) of it,
//	then blocks until that length is reached, each:
//	  kind (1 byte: blockRaw, blockHuff, blockRLE), length of the block's bytes,
//	  blockRaw:  the bytes as they are;
//	  blockHuff: length of the code, then huff0's 4-stream code with its table;
//	  blockRLE:  the one byte repeated.
const encodingHuff0 = "huff0"

// huffBlock is the size of a Huffman block. Our choice: small enough for
// huff0 (at most 256 KiB - 1) and for the table to follow changes along a
// recording, large enough that the table (about 30 bytes for digits) costs
// nothing; 32-128 KiB gave ratios within 0.2 % of each other.
const huffBlock = 128 << 10

const (
	blockRaw  = 0
	blockHuff = 1
	blockRLE  = 2
)

var (
	castagnoli  = crc32.MakeTable(crc32.Castagnoli)
	huffScratch = sync.Pool{New: func() any { return new(huff0.Scratch) }}
)

// compressRecording appends raw in the encodingHuff0 layout to dst.
func compressRecording(dst, raw []byte) []byte {
	s := huffScratch.Get().(*huff0.Scratch)
	defer huffScratch.Put(s)
	out := slices.Grow(dst, len(raw)/2+64)
	out = binary.AppendUvarint(out, uint64(len(raw)))
	out = binary.AppendUvarint(out, uint64(crc32.Checksum(raw, castagnoli)))
	for b := raw; len(b) > 0; {
		blk := b[:min(len(b), huffBlock)]
		b = b[len(blk):]
		s.Reuse = huff0.ReusePolicyNone // each block decodes with its own table
		code, _, err := huff0.Compress4X(blk, s)
		switch {
		case err == nil:
			out = append(out, blockHuff)
			out = binary.AppendUvarint(out, uint64(len(blk)))
			out = binary.AppendUvarint(out, uint64(len(code)))
			out = append(out, code...)
		case errors.Is(err, huff0.ErrUseRLE):
			out = append(out, blockRLE)
			out = binary.AppendUvarint(out, uint64(len(blk)))
			out = append(out, blk[0])
		default: // incompressible (or too small to gain): as it is
			out = append(out, blockRaw)
			out = binary.AppendUvarint(out, uint64(len(blk)))
			out = append(out, blk...)
		}
	}
	return out
}

// errCorrupt is the error for stored bytes that do not decode.
var errCorrupt = errors.New("corrupt huff0 recording data")

// decompressRecording inverts compressRecording. It refuses data that does
// not decode to the stated length with the stated checksum, and a stated
// length over limit (RecordingData: maxDecodedRecording).
func decompressRecording(data []byte, limit int) ([]byte, error) {
	uv := func() (int, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > uint64(limit) {
			return 0, false
		}
		data = data[n:]
		return int(v), true
	}
	size, ok := uv()
	if !ok {
		return nil, errCorrupt
	}
	sum, n := binary.Uvarint(data)
	if n <= 0 || sum > 1<<32-1 {
		return nil, errCorrupt
	}
	data = data[n:]
	var s *huff0.Scratch // each table replaces the last
	// Huffman codes take at least a bit per byte: a size beyond 8 times
	// the data (plus a block for RLE) is grown into as blocks decode,
	// rather than allocated on the word of a damaged row.
	out := make([]byte, 0, min(size, 8*len(data)+huffBlock))
	for len(out) < size {
		if len(data) == 0 {
			return nil, errCorrupt
		}
		kind := data[0]
		data = data[1:]
		n, ok := uv()
		if !ok || n == 0 || n > huffBlock || n > size-len(out) {
			return nil, errCorrupt
		}
		switch kind {
		case blockRaw:
			if len(data) < n {
				return nil, errCorrupt
			}
			out = append(out, data[:n]...)
			data = data[n:]
		case blockRLE:
			if len(data) < 1 {
				return nil, errCorrupt
			}
			out = append(out, bytes.Repeat(data[:1], n)...)
			data = data[1:]
		case blockHuff:
			c, ok := uv()
			if !ok || c > len(data) {
				return nil, errCorrupt
			}
			var rest []byte
			var err error
			if s, rest, err = huff0.ReadTable(data[:c], s); err != nil {
				return nil, fmt.Errorf("%w: %v", errCorrupt, err)
			}
			// Decoded in place: the capacity given is the block's length.
			out = slices.Grow(out, n)
			got, err := s.Decoder().Decompress4X(out[len(out):len(out):len(out)+n], rest)
			if err != nil || len(got) != n {
				return nil, errCorrupt
			}
			out = append(out, got...)
			data = data[c:]
		default:
			return nil, errCorrupt
		}
	}
	if len(data) != 0 || crc32.Checksum(out, castagnoli) != uint32(sum) {
		return nil, errCorrupt
	}
	return out, nil
}
