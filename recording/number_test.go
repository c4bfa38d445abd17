package recording

import (
	"encoding/binary"
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestNumberFastPath checks that the scanner's numbers are bit for bit
// those of strconv.ParseFloat, on and off its exact fast path: fixed
// decimals from 0 to 20 places, shortest round-trip text, leading and
// trailing zeros, negative zero, integers and exponents.
func TestNumberFastPath(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	var texts []string
	for range 20000 {
		x := r.NormFloat64() * math.Pow(10, float64(r.Intn(12)-6))
		if r.Intn(3) == 0 {
			x = r.Float64()
		}
		texts = append(texts,
			strconv.FormatFloat(x, 'f', r.Intn(21), 64),
			strconv.FormatFloat(x, 'g', -1, 64),
			strconv.FormatFloat(x, 'f', -1, 64),
			strconv.FormatFloat(x, 'e', r.Intn(18), 64),
			strconv.FormatInt(r.Int63n(1<<62)>>uint(r.Intn(62)), 10))
	}
	texts = append(texts, "0", "-0", "0.0", "-0.000", "0.5", "1", "9007199254740992", "9007199254740993",
		"0.9007199254740993", "1234567890123456789", "12345678901234567890", "0.0000000000000000000001",
		"0.00000000000000000000001", "123.4560000000000000000", "1e22", "1E-5", "-2.5e+3")
	for _, text := range texts {
		want, err := strconv.ParseFloat(text, 64)
		if err != nil {
			continue
		}
		// A short and a long rest of the line: the scanner reads the
		// digits of a fraction 8 at a time only with 8 bytes to read.
		for _, rest := range []string{",", "],[0.5,0.25,1]]}"} {
			s := scanner{b: []byte(text + rest)}
			got, ok := s.number()
			if !ok || math.Float64bits(got) != math.Float64bits(want) || s.i != len(text) {
				t.Fatalf("%q: got %v (%v, stopped at %d), want %v", text, got, ok, s.i, want)
			}
		}
	}
}

// TestSWARDigits checks swarDigits against a byte loop: every byte value
// at every position among random digits, and random words of digits and
// the characters around numbers.
func TestSWARDigits(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	ref := func(b []byte) (int, uint64) {
		n, v := 0, uint64(0)
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			v = v*10 + uint64(b[n]-'0')
			n++
		}
		return n, v
	}
	check := func(b []byte) {
		t.Helper()
		wantN, wantV := ref(b)
		n, v := swarDigits(binary.LittleEndian.Uint64(b))
		if n != wantN || v != wantV {
			t.Fatalf("%q: got %d digits, %d; want %d, %d", b, n, v, wantN, wantV)
		}
	}
	b := make([]byte, 8)
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			for rep := 0; rep < 20; rep++ {
				for k := range b {
					b[k] = byte('0' + r.Intn(10))
				}
				b[pos] = byte(c)
				check(b)
			}
		}
	}
	const alphabet = "0123456789012345678901234567890123456789.,-]e"
	for range 200000 {
		for k := range b {
			b[k] = alphabet[r.Intn(len(alphabet))]
		}
		check(b)
	}
	check([]byte("99999999"))
	check([]byte("00000000"))
}
