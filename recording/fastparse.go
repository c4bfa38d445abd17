package recording

import (
	"encoding/binary"
	"math/bits"
	"strconv"

	"github.com/stretchwise/stretchwise"
)

// parseFrameFast decodes a frame line in the canonical layout: an object
// with the keys t, lm and optionally world (in any order, each once, no
// escapes in keys), arbitrary JSON whitespace, and numbers in JSON syntax.
// Other keys are skipped (their values checked as JSON, nested at most
// maxSkipDepth deep).
// It reports false for anything else, including every invalid line, and then
// the caller falls back to parseFrameSlow, which accepts the same valid
// lines and names the problem in invalid ones. It allocates nothing.
func parseFrameFast(b []byte, f *stretchwise.Frame) bool {
	s := scanner{b: b}
	if !s.byte('{') {
		return false
	}
	var seenT, seenLm, seenWorld bool
	f.Detected, f.HasWorld = false, false
	for {
		key, ok := s.key()
		if !ok {
			return false
		}
		switch string(key) {
		case "t":
			if seenT {
				return false
			}
			seenT = true
			s.space()
			if f.T, ok = s.number(); !ok {
				return false
			}
		case "lm":
			if !s.poseOrNull(&seenLm, &f.Image, &f.Detected) {
				return false
			}
		case "world":
			if !s.poseOrNull(&seenWorld, &f.World, &f.HasWorld) {
				return false
			}
		default:
			// Unknown keys are ignored; their values must still be valid
			// JSON, as encoding/json requires.
			s.space()
			if !s.skipValue(0) {
				return false
			}
		}
		if s.byte(',') {
			continue
		}
		if !s.byte('}') {
			return false
		}
		break
	}
	s.space()
	if s.i != len(s.b) || !seenT || !seenLm {
		return false
	}
	if !seenWorld {
		f.World = stretchwise.Pose{}
	}
	return true
}

// poseOrNull reads the value of a pose key, a pose or null, into p and sets
// present for a pose. It reports false when seen says the key came before
// or the value is neither.
func (s *scanner) poseOrNull(seen *bool, p *stretchwise.Pose, present *bool) bool {
	if *seen {
		return false
	}
	*seen = true
	if s.null() {
		*p = stretchwise.Pose{}
		return true
	}
	*present = s.pose(p)
	return *present
}

// scanner walks a JSON text for parseFrameFast.
type scanner struct {
	b []byte
	i int
}

// space skips JSON whitespace.
func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte skips whitespace and then c, reporting whether c was there.
func (s *scanner) byte(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// key reads `"name":` and returns name; keys with escapes are refused.
func (s *scanner) key() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c == '"' {
			key := s.b[start:s.i]
			s.i++
			return key, s.byte(':')
		}
		if c == '\\' || c < 0x20 {
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// null skips whitespace and reads the literal null if it is there.
func (s *scanner) null() bool {
	s.space()
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// number reads a finite number in strict JSON syntax
// (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?).
func (s *scanner) number() (float64, bool) {
	b, start := s.b, s.i
	i := start
	neg := false
	if i < len(b) && b[i] == '-' {
		neg = true
		i++
	}
	// The decimal digits go into mant (while they fit: at most 19) and the
	// exponent into exp10, for the exact fast path below.
	var mant uint64
	digits, exp10 := 0, 0
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			mant = mant*10 + uint64(b[i]-'0')
			digits++
			i++
		}
	default:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		// Eight bytes at a time while they last (swarDigits), then the
		// rest one by one.
		for i+8 <= len(b) {
			v := binary.LittleEndian.Uint64(b[i:])
			n, val := swarDigits(v)
			if mant != 0 {
				digits += n
			} else if val != 0 {
				// Leading zeros of a fraction are not significant.
				digits += n - bits.TrailingZeros64(v&0x0F0F0F0F0F0F0F0F)>>3
			}
			mant = mant*pow10u[n] + val
			exp10 -= n
			i += n
			if n < 8 {
				break
			}
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if mant != 0 || b[i] != '0' {
				digits++ // leading zeros of a fraction are not significant
			}
			mant = mant*10 + uint64(b[i]-'0')
			exp10--
			i++
		}
		if i == d {
			return 0, false
		}
	}
	exact := digits <= 19
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		exact = false // rare in recordings: left to ParseFloat
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return 0, false
		}
	}
	// Clinger's fast path, as strconv takes it: a mantissa of at most 53
	// bits and a power of ten of at most 22 are both exact in float64, so
	// one correctly rounded multiplication or division gives exactly what
	// ParseFloat returns. TestNumberFastPath checks this.
	if exact && mant <= 1<<53 && exp10 >= -22 {
		f := float64(mant) / pow10[-exp10]
		if neg {
			f = -f
		}
		s.i = i
		return f, true
	}
	// ParseFloat does not keep its argument, so the conversion of a short
	// number does not allocate.
	v, err := strconv.ParseFloat(string(b[start:i]), 64)
	if err != nil { // out of range: the slow path names it
		return 0, false
	}
	s.i = i
	return v, true
}

// swarDigits returns how many of the 8 bytes of v (the first in the low
// byte) are decimal digits before the first one that is not, n, and the
// number they spell, val (0 for n == 0): the digits tested and converted
// together in a 64-bit word (SWAR; the conversion as in Lemire's
// parse_eight_digits_unrolled). TestSWARDigits checks every byte value at
// every position.
func swarDigits(v uint64) (n int, val uint64) {
	// A byte is a digit when its high nibble is 3 and its low nibble plus
	// 6 does not reach 16; nonDigit has bits set in the other bytes.
	nonDigit := (v&0xF0F0F0F0F0F0F0F0 ^ 0x3030303030303030) | ((v&0x0F0F0F0F0F0F0F0F + 0x0606060606060606) & 0x1010101010101010)
	n = bits.TrailingZeros64(nonDigit) >> 3
	// The digits' values, moved to the top bytes so that the bytes below
	// read as leading zeros (a shift by 64 gives 0).
	x := (v & 0x0F0F0F0F0F0F0F0F) << (8 * (8 - n))
	x = (x * (1 + 10<<8)) >> 8
	x = ((x & 0x00FF00FF00FF00FF) * (1 + 100<<16)) >> 16
	x = ((x & 0x0000FFFF0000FFFF) * (1 + 10000<<32)) >> 32
	return n, x
}

// pow10u are the powers of ten up to 10^8.
var pow10u = [...]uint64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// pose reads an array of exactly 33 arrays of 4 numbers into p.
func (s *scanner) pose(p *stretchwise.Pose) bool {
	if !s.byte('[') {
		return false
	}
	for i := range p {
		if i > 0 && !s.byte(',') {
			return false
		}
		if !s.byte('[') {
			return false
		}
		var v [4]float64
		for j := range v {
			if j > 0 && !s.byte(',') {
				return false
			}
			s.space()
			x, ok := s.number()
			if !ok {
				return false
			}
			v[j] = x
		}
		if !s.byte(']') {
			return false
		}
		p[i] = stretchwise.Landmark{X: v[0], Y: v[1], Z: v[2], Visibility: v[3]}
	}
	return s.byte(']')
}

// maxSkipDepth bounds the nesting of skipped values; deeper ones go to the
// slow path. Our choice: far deeper than any real annotation, and it keeps
// the recursion small.
const maxSkipDepth = 64

// skipValue skips one JSON value, checking its syntax like encoding/json
// (strings: no control characters, valid escapes; any bytes otherwise).
func (s *scanner) skipValue(depth int) bool {
	if depth > maxSkipDepth || s.i >= len(s.b) {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.skipString()
	case c == '[' || c == '{':
		closing := byte(']')
		if c == '{' {
			closing = '}'
		}
		s.i++
		if s.byte(closing) {
			return true
		}
		for {
			if c == '{' {
				s.space()
				if s.i >= len(s.b) || s.b[s.i] != '"' || !s.skipString() || !s.byte(':') {
					return false
				}
			}
			s.space()
			if !s.skipValue(depth + 1) {
				return false
			}
			if s.byte(',') {
				continue
			}
			return s.byte(closing)
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	default:
		_, ok := s.number()
		return ok
	}
}

// skipString skips a JSON string starting at its opening quote.
func (s *scanner) skipString() bool {
	s.i++ // the opening quote
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if s.i+1 >= len(s.b) {
				return false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) {
					return false
				}
				for _, h := range s.b[s.i+2 : s.i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				s.i += 6
			default:
				return false
			}
		default:
			s.i++
		}
	}
	return false
}

// literal reads the literal word.
func (s *scanner) literal(word string) bool {
	if len(s.b)-s.i >= len(word) && string(s.b[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}
