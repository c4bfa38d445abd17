package recording

import (
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
		s := scanner{b: []byte(text + ",")}
		got, ok := s.number()
		if !ok || math.Float64bits(got) != math.Float64bits(want) || s.i != len(text) {
			t.Fatalf("%q: got %v (%v, stopped at %d), want %v", text, got, ok, s.i, want)
		}
	}
}
