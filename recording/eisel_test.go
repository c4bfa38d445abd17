package recording

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestPow10Tab recomputes the table as Go's pow10gen.go does: 10^e scaled
// by a power of two into [2^127, 2^128), rounded down.
func TestPow10Tab(t *testing.T) {
	one := big.NewInt(1)
	b1p128 := new(big.Rat).SetInt(new(big.Int).Lsh(one, 128))
	b1p64 := new(big.Int).Lsh(one, 64)
	for e := pow10Min; e <= pow10Max; e++ {
		var r *big.Rat
		if e >= 0 {
			r = new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
		} else {
			r = new(big.Rat).SetFrac(one, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
		}
		for r.Cmp(b1p128) < 0 {
			r.Mul(r, big.NewRat(2, 1))
		}
		for r.Cmp(b1p128) >= 0 {
			r.Quo(r, big.NewRat(2, 1))
		}
		d := new(big.Int).Div(r.Num(), r.Denom())
		hi, lo := new(big.Int).DivMod(d, b1p64, new(big.Int))
		if got := pow10Tab[e-pow10Min]; got != [2]uint64{hi.Uint64(), lo.Uint64()} {
			t.Errorf("1e%d: table has %#x, want {%#x, %#x}", e, got, hi.Uint64(), lo.Uint64())
		}
	}
}

// TestEiselLemireSameAsParseFloat checks the scanner bit for bit against
// strconv.ParseFloat on numbers that take the Eisel-Lemire path: 16 to 19
// significant digits (as Go and JavaScript print a float64, and longer),
// fractions and integers, and decimals within a digit of the half-way
// points between neighbouring floats, where rounding is hardest.
func TestEiselLemireSameAsParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var texts []string
	for range 300000 {
		x := rng.Float64() * math.Pow(10, float64(rng.IntN(9)-4))
		if rng.IntN(2) == 0 {
			x = -x
		}
		texts = append(texts,
			strconv.FormatFloat(x, 'f', -1, 64),
			strconv.FormatFloat(x, 'f', 16+rng.IntN(4), 64),
			strconv.FormatFloat(x*1e15, 'f', 0, 64))
	}
	// Near half-way: the exact midpoint of x and the next float up, cut
	// to 17-19 significant digits, then nudged by a unit of the last
	// digit either way.
	for range 100000 {
		x := rng.Float64() * math.Pow(10, float64(rng.IntN(6)-3))
		mid := new(big.Float).SetPrec(200).Add(big.NewFloat(x), big.NewFloat(math.Nextafter(x, 2)))
		mid.Quo(mid, big.NewFloat(2))
		text := mid.Text('e', 16+rng.IntN(3))
		texts = append(texts, text)
		m, err := strconv.ParseFloat(text, 64)
		if err == nil {
			texts = append(texts, strconv.FormatFloat(m, 'f', 17+rng.IntN(3), 64))
		}
	}
	texts = append(texts, "9007199254740993", "9007199254740995", "0.30000000000000004", "0.1000000000000000055511151231257827",
		"1844674407370955161", "0.000000000000000000000000000000000000000000000001234567890123456789", "4503599627370496.5",
		"4503599627370497.5", "0.9999999999999999999")
	el := 0
	for _, text := range texts {
		want, err := strconv.ParseFloat(text, 64)
		if err != nil {
			continue
		}
		s := scanner{b: []byte(text + "]")}
		got, ok := s.number()
		if !ok || math.Float64bits(got) != math.Float64bits(want) || s.i != len(text) {
			t.Fatalf("%q: got %v (%v, stopped at %d), want %v", text, got, ok, s.i, want)
		}
		if m, e, ok := decimalParts(text); ok {
			if _, ok := eiselLemire64(m, e, false); ok {
				el++
			}
		}
	}
	// The test must reach the new path, not only the others.
	if el < len(texts)/2 {
		t.Errorf("only %d of %d numbers went through eiselLemire64", el, len(texts))
	}
}

// decimalParts returns the mantissa and power of ten of a plain decimal
// text of at most 19 significant digits (no exponent).
func decimalParts(text string) (uint64, int, bool) {
	var m uint64
	digits, exp, seenDot := 0, 0, false
	for _, c := range []byte(text) {
		switch {
		case c == '-':
		case c == '.':
			seenDot = true
		case c >= '0' && c <= '9':
			if m != 0 || c != '0' {
				digits++
			}
			m = m*10 + uint64(c-'0')
			if seenDot {
				exp--
			}
		default:
			return 0, 0, false
		}
	}
	return m, exp, digits <= 19 && digits > 0
}
