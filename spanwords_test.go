package stretchwise

import "testing"

// TestSpanWords: a moment is said as one time, not as a span of zero length
// ("1.1-1.1 s", as a tester read in a framing reason).
func TestSpanWords(t *testing.T) {
	for _, tc := range []struct {
		a, b float64
		want string
	}{
		{0, 0, "0.0 s"},
		{1.1, 1.12, "1.1 s"},
		{2.3, 9.7, "2.3-9.7 s"},
	} {
		if got := SpanWords(tc.a, tc.b); got != tc.want {
			t.Errorf("SpanWords(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}
