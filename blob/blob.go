// Package blob is the encoding of the bytes stretchwise stores at rest
// (landmark recordings and issue-report attachments): version 1, specified
// in docs/storage-format.md. One version byte, then the length and a CRC-32C
// of the bytes, then blocks Huffman-coded with huff0 (the entropy stage of
// zstd without its search for repeated strings). Landmark text is mostly
// digits, which Huffman codes in about 3.5 bits each: 2.1x on 60 s
// recordings at a quarter to a fifth of zstd's CPU time (docs/benchmarks.md).
package blob

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

// Version is the first byte of every encoded blob.
const Version = 1

// blockSize is the size of a Huffman block. Our choice: small enough for
// huff0 (at most 256 KiB - 1) and for the table to follow changes along a
// recording, large enough that the table (about 30 bytes for digits) costs
// nothing; 32-128 KiB gave ratios within 0.2 % of each other.
const blockSize = 128 << 10

// The block kinds.
const (
	blockRaw  = 0 // the bytes as they are
	blockHuff = 1 // huff0's 4-stream code with its table
	blockRLE  = 2 // one byte repeated
)

var (
	castagnoli  = crc32.MakeTable(crc32.Castagnoli)
	huffScratch = sync.Pool{New: func() any { return new(huff0.Scratch) }}
)

// Encode appends raw, encoded, to dst and returns the extended slice.
func Encode(dst, raw []byte) []byte {
	return encodeBody(append(dst, Version), raw)
}

// Decode inverts Encode. It refuses, with an error wrapping ErrCorrupt,
// data of another version, data that does not decode to the stated length
// with the stated checksum, and a stated length over limit bytes.
func Decode(data []byte, limit int) ([]byte, error) {
	if len(data) == 0 || data[0] != Version {
		return nil, fmt.Errorf("%w: not a version %d blob", ErrCorrupt, Version)
	}
	return decodeBody(data[1:], limit)
}

// DecodeUnversioned decodes the layout of version 1 without its version
// byte, as rows were written before the version byte was added; the stores
// use it only to migrate those rows.
func DecodeUnversioned(data []byte, limit int) ([]byte, error) {
	return decodeBody(data, limit)
}

// encodeBody appends raw in the layout after the version byte to dst.
func encodeBody(dst, raw []byte) []byte {
	s := huffScratch.Get().(*huff0.Scratch)
	defer huffScratch.Put(s)
	out := slices.Grow(dst, len(raw)/2+64)
	out = binary.AppendUvarint(out, uint64(len(raw)))
	out = binary.AppendUvarint(out, uint64(crc32.Checksum(raw, castagnoli)))
	for b := raw; len(b) > 0; {
		blk := b[:min(len(b), blockSize)]
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

// ErrCorrupt is the error for stored bytes that do not decode.
var ErrCorrupt = errors.New("corrupt stored data")

// decodeBody inverts encodeBody.
func decodeBody(data []byte, limit int) ([]byte, error) {
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
		return nil, ErrCorrupt
	}
	sum, n := binary.Uvarint(data)
	if n <= 0 || sum > 1<<32-1 {
		return nil, ErrCorrupt
	}
	data = data[n:]
	var s *huff0.Scratch // each table replaces the last
	// Huffman codes take at least a bit per byte: a size beyond 8 times
	// the data (plus a block for RLE) is grown into as blocks decode,
	// rather than allocated on the word of a damaged row.
	out := make([]byte, 0, min(size, 8*len(data)+blockSize))
	for len(out) < size {
		if len(data) == 0 {
			return nil, ErrCorrupt
		}
		kind := data[0]
		data = data[1:]
		n, ok := uv()
		if !ok || n == 0 || n > blockSize || n > size-len(out) {
			return nil, ErrCorrupt
		}
		switch kind {
		case blockRaw:
			if len(data) < n {
				return nil, ErrCorrupt
			}
			out = append(out, data[:n]...)
			data = data[n:]
		case blockRLE:
			if len(data) < 1 {
				return nil, ErrCorrupt
			}
			out = append(out, bytes.Repeat(data[:1], n)...)
			data = data[1:]
		case blockHuff:
			c, ok := uv()
			if !ok || c > len(data) {
				return nil, ErrCorrupt
			}
			var rest []byte
			var err error
			if s, rest, err = huff0.ReadTable(data[:c], s); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			// Decoded in place: the capacity given is the block's length.
			out = slices.Grow(out, n)
			got, err := s.Decoder().Decompress4X(out[len(out):len(out):len(out)+n], rest)
			if err != nil || len(got) != n {
				return nil, ErrCorrupt
			}
			out = append(out, got...)
			data = data[c:]
		default:
			return nil, ErrCorrupt
		}
	}
	if len(data) != 0 || crc32.Checksum(out, castagnoli) != uint32(sum) {
		return nil, ErrCorrupt
	}
	return out, nil
}
