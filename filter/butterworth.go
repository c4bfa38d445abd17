package filter

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// Butterworth is a low-pass Butterworth filter of the given order and
// cutoff frequency, applied forward and backward (FiltFilt) for zero phase.
// The double pass squares the gain: at CutoffHz the output is at -6 dB
// (half amplitude), not -3 dB, and the roll-off is that of a filter of
// twice the order.
type Butterworth struct {
	Order    int     // 1..MaxOrder; each pass has this order
	CutoffHz float64 // -3 dB point of one pass, Hz
}

// DefaultButterworth is a 2nd-order filter at 6 Hz, run forward and
// backward: the "4th-order zero-lag" low-pass at about 6 Hz that Winter
// uses for human movement (Biomechanics and Motor Control of Human
// Movement, ch. 2), where nearly all the power of voluntary limb motion lies
// below 6 Hz. The stretches and holds here are slower than gait, so the
// cutoff keeps every real movement and removes landmark jitter above it.
var DefaultButterworth = Butterworth{Order: 2, CutoffHz: 6}

// MaxOrder is the highest order FiltFilt accepts. Our choice, because
// higher orders only add ringing for movement data.
const MaxOrder = 8

// biquad is one second-order section in transposed direct form II, with
// a0 = 1. A first-order section has b2 = a2 = 0.
type biquad struct{ b0, b1, b2, a1, a2 float64 }

// sections designs the digital filter for sample rate fs as second-order
// sections, each with unit gain at 0 Hz: the analog Butterworth prototype,
// prewarped and mapped by the bilinear transform.
func (b Butterworth) sections(fs float64) ([]biquad, error) {
	if b.Order < 1 || b.Order > MaxOrder {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "butterworth order %d is not in 1..%d", b.Order, MaxOrder)
	}
	if !(fs > 0) || math.IsInf(fs, 0) {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "sample rate %g Hz is not positive and finite", fs)
	}
	if !(b.CutoffHz > 0) || !(b.CutoffHz < fs/2) {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "butterworth cutoff %g Hz is not between 0 and the Nyquist frequency %g Hz", b.CutoffHz, fs/2)
	}
	k := math.Tan(math.Pi * b.CutoffHz / fs)
	var s []biquad
	for i := 1; i <= b.Order/2; i++ {
		// Conjugate pole pair of the prototype: s^2 + 2*zeta*s + 1.
		q := 2 * math.Sin(float64(2*i-1)*math.Pi/float64(2*b.Order))
		norm := 1 / (1 + q*k + k*k)
		b0 := k * k * norm
		s = append(s, biquad{b0: b0, b1: 2 * b0, b2: b0, a1: 2 * (k*k - 1) * norm, a2: (1 - q*k + k*k) * norm})
	}
	if b.Order%2 == 1 {
		b0 := k / (k + 1)
		s = append(s, biquad{b0: b0, b1: b0, a1: (k - 1) / (k + 1)})
	}
	return s, nil
}

// PadLen is the number of samples FiltFilt adds at each end (an odd
// reflection about the end sample, as MATLAB's and SciPy's filtfilt do),
// so the filter starts and ends near its steady state: 3*(Order+1).
func (b Butterworth) PadLen() int { return 3 * (b.Order + 1) }

// MinLen is the shortest input FiltFilt accepts: PadLen()+1 samples.
func (b Butterworth) MinLen() int { return b.PadLen() + 1 }

// FiltFilt low-pass filters x sampled at sampleHz into dst (which may be
// x) with zero phase: forward, then backward over the result. Both ends are
// padded by an odd reflection of PadLen samples and every section starts
// in the steady state for the first padded sample, so there is no start-up
// transient. It returns an error, and leaves dst alone, for an invalid
// order or cutoff (at or above the Nyquist frequency sampleHz/2), an
// invalid sample rate, len(dst) != len(x), fewer than MinLen samples, or a
// sample that is NaN or infinite.
func (b Butterworth) FiltFilt(dst, x []float64, sampleHz float64) error {
	secs, err := b.sections(sampleHz)
	if err != nil {
		return err
	}
	if len(dst) != len(x) {
		return stretchwise.Errorf(stretchwise.EINVALID, "filtfilt: output has %d samples, input %d", len(dst), len(x))
	}
	pad := b.PadLen()
	if len(x) < pad+1 {
		return stretchwise.Errorf(stretchwise.EINVALID, "filtfilt: %d samples are too few for order %d (need at least %d)", len(x), b.Order, pad+1)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return stretchwise.Errorf(stretchwise.EINVALID, "filtfilt: sample %d is %g, not a finite number", i, v)
		}
	}
	filtfilt(dst, x, secs, pad, nil)
	return nil
}

// filtfilt is FiltFilt once the sections are designed and the input
// checked (len(dst) == len(x) > pad, every sample finite): pad is PadLen.
// buf is scratch space for the padded series; it returns buf, grown as
// needed, for the next call to reuse (every element it uses is written
// before it is read).
func filtfilt(dst, x []float64, secs []biquad, pad int, buf []float64) []float64 {
	n := len(x)
	buf = grow(buf, n+2*pad)
	for i := 0; i < pad; i++ {
		buf[i] = 2*x[0] - x[pad-i]
		buf[n+pad+i] = 2*x[n-1] - x[n-2-i]
	}
	copy(buf[pad:], x)
	run(secs, buf, false)
	run(secs, buf, true)
	copy(dst, buf[pad:pad+n])
	return buf
}

// run filters buf in place through every section, backward when reverse.
// Each section starts in its steady state for a constant input equal to
// the first sample it sees (unit DC gain means its output is that value).
func run(secs []biquad, buf []float64, reverse bool) {
	n := len(buf)
	for _, s := range secs {
		first := buf[0]
		if reverse {
			first = buf[n-1]
		}
		// Steady state of transposed direct form II for x = y = first.
		z2 := (s.b2 - s.a2) * first
		z1 := first - s.b0*first
		for j := 0; j < n; j++ {
			i := j
			if reverse {
				i = n - 1 - j
			}
			x := buf[i]
			y := s.b0*x + z1
			z1 = s.b1*x - s.a1*y + z2
			z2 = s.b2*x - s.a2*y
			buf[i] = y
		}
	}
}
