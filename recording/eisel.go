package recording

import (
	"math"
	"math/bits"
)

// eiselLemire64 converts man * 10^exp10 to the nearest float64 (ties to
// even) with the Eisel-Lemire algorithm, as strconv.ParseFloat does first
// for a number of at most 19 significant digits; ok is false when it cannot
// decide (then ParseFloat's slower exact path must), or exp10 is outside
// [pow10Min, pow10Max]. Ported from Go's internal/strconv (atofeisel.go,
// math.go; Copyright 2020-2025 The Go Authors, BSD-style license, see
// https://go.dev/LICENSE); the terse comments refer to the sections of
// https://nigeltao.github.io/blog/2020/eisel-lemire.html. With the same
// man, exp10 and table it returns what ParseFloat returns;
// TestEiselLemireSameAsParseFloat checks that on millions of numbers.
//
// It lets the recording scanner convert full-precision numbers (17 digits,
// as Go and JavaScript print a float64) without handing the text to
// ParseFloat, which scans it again: a third of the time of reading a
// full-precision recording.
func eiselLemire64(man uint64, exp10 int, neg bool) (f float64, ok bool) {
	// Exp10 Range.
	if man == 0 {
		if neg {
			f = math.Float64frombits(0x8000000000000000) // Negative zero.
		}
		return f, true
	}
	if exp10 < pow10Min || exp10 > pow10Max {
		return 0, false
	}
	pow := pow10Tab[exp10-pow10Min]
	exp2 := 1 + (exp10*108853)>>15 // floor(exp10 * log2(10)) + 1

	// Normalization.
	clz := bits.LeadingZeros64(man)
	man <<= uint(clz)
	retExp2 := uint64(exp2+63+1023) - uint64(clz)

	// Multiplication.
	xHi, xLo := bits.Mul64(man, pow[0])

	// Wider Approximation.
	if xHi&0x1FF == 0x1FF && xLo+man < man {
		yHi, yLo := bits.Mul64(man, pow[1])
		mergedHi, mergedLo := xHi, xLo+yHi
		if mergedLo < xLo {
			mergedHi++
		}
		if mergedHi&0x1FF == 0x1FF && mergedLo+1 == 0 && yLo+man < man {
			return 0, false
		}
		xHi, xLo = mergedHi, mergedLo
	}

	// Shifting to 54 Bits.
	msb := xHi >> 63
	retMantissa := xHi >> (msb + 9)
	retExp2 -= 1 ^ msb

	// Half-way Ambiguity.
	if xLo == 0 && xHi&0x1FF == 0 && retMantissa&3 == 1 {
		return 0, false
	}

	// From 54 to 53 Bits.
	retMantissa += retMantissa & 1
	retMantissa >>= 1
	if retMantissa>>53 > 0 {
		retMantissa >>= 1
		retExp2 += 1
	}
	// retExp2 is a uint64. Zero or underflow means that we're in subnormal
	// float64 space. 0x7FF or above means that we're in Inf/NaN float64 space.
	if retExp2-1 >= 0x7FF-1 {
		return 0, false
	}
	retBits := retExp2<<52 | retMantissa&(1<<52-1)
	if neg {
		retBits |= 0x8000000000000000
	}
	return math.Float64frombits(retBits), true
}

// The powers of ten eiselLemire64 knows: those of the numbers in
// recordings (fractions of up to 48 digits, integers up to 10^22), rows
// 1e-48 to 1e22 of Go's pow10Tab.
const (
	pow10Min = -48
	pow10Max = 22
)

// pow10Tab holds 128-bit mantissas (high, low) of powers of 10, scaled so
// that the high bit is set, rounded down; copied from Go's
// internal/strconv/pow10tab.go (generated there by pow10gen.go), and
// recomputed by TestPow10Tab.
var pow10Tab = [...][2]uint64{
	{0xbb127c53b17ec159, 0x5560c018580d5d52}, // 1e-48 * 2**287
	{0xe9d71b689dde71af, 0xaab8f01e6e10b4a6}, // 1e-47 * 2**284
	{0x9226712162ab070d, 0xcab3961304ca70e8}, // 1e-46 * 2**280
	{0xb6b00d69bb55c8d1, 0x3d607b97c5fd0d22}, // 1e-45 * 2**277
	{0xe45c10c42a2b3b05, 0x8cb89a7db77c506a}, // 1e-44 * 2**274
	{0x8eb98a7a9a5b04e3, 0x77f3608e92adb242}, // 1e-43 * 2**270
	{0xb267ed1940f1c61c, 0x55f038b237591ed3}, // 1e-42 * 2**267
	{0xdf01e85f912e37a3, 0x6b6c46dec52f6688}, // 1e-41 * 2**264
	{0x8b61313bbabce2c6, 0x2323ac4b3b3da015}, // 1e-40 * 2**260
	{0xae397d8aa96c1b77, 0xabec975e0a0d081a}, // 1e-39 * 2**257
	{0xd9c7dced53c72255, 0x96e7bd358c904a21}, // 1e-38 * 2**254
	{0x881cea14545c7575, 0x7e50d64177da2e54}, // 1e-37 * 2**250
	{0xaa242499697392d2, 0xdde50bd1d5d0b9e9}, // 1e-36 * 2**247
	{0xd4ad2dbfc3d07787, 0x955e4ec64b44e864}, // 1e-35 * 2**244
	{0x84ec3c97da624ab4, 0xbd5af13bef0b113e}, // 1e-34 * 2**240
	{0xa6274bbdd0fadd61, 0xecb1ad8aeacdd58e}, // 1e-33 * 2**237
	{0xcfb11ead453994ba, 0x67de18eda5814af2}, // 1e-32 * 2**234
	{0x81ceb32c4b43fcf4, 0x80eacf948770ced7}, // 1e-31 * 2**230
	{0xa2425ff75e14fc31, 0xa1258379a94d028d}, // 1e-30 * 2**227
	{0xcad2f7f5359a3b3e, 0x096ee45813a04330}, // 1e-29 * 2**224
	{0xfd87b5f28300ca0d, 0x8bca9d6e188853fc}, // 1e-28 * 2**221
	{0x9e74d1b791e07e48, 0x775ea264cf55347d}, // 1e-27 * 2**217
	{0xc612062576589dda, 0x95364afe032a819d}, // 1e-26 * 2**214
	{0xf79687aed3eec551, 0x3a83ddbd83f52204}, // 1e-25 * 2**211
	{0x9abe14cd44753b52, 0xc4926a9672793542}, // 1e-24 * 2**207
	{0xc16d9a0095928a27, 0x75b7053c0f178293}, // 1e-23 * 2**204
	{0xf1c90080baf72cb1, 0x5324c68b12dd6338}, // 1e-22 * 2**201
	{0x971da05074da7bee, 0xd3f6fc16ebca5e03}, // 1e-21 * 2**197
	{0xbce5086492111aea, 0x88f4bb1ca6bcf584}, // 1e-20 * 2**194
	{0xec1e4a7db69561a5, 0x2b31e9e3d06c32e5}, // 1e-19 * 2**191
	{0x9392ee8e921d5d07, 0x3aff322e62439fcf}, // 1e-18 * 2**187
	{0xb877aa3236a4b449, 0x09befeb9fad487c2}, // 1e-17 * 2**184
	{0xe69594bec44de15b, 0x4c2ebe687989a9b3}, // 1e-16 * 2**181
	{0x901d7cf73ab0acd9, 0x0f9d37014bf60a10}, // 1e-15 * 2**177
	{0xb424dc35095cd80f, 0x538484c19ef38c94}, // 1e-14 * 2**174
	{0xe12e13424bb40e13, 0x2865a5f206b06fb9}, // 1e-13 * 2**171
	{0x8cbccc096f5088cb, 0xf93f87b7442e45d3}, // 1e-12 * 2**167
	{0xafebff0bcb24aafe, 0xf78f69a51539d748}, // 1e-11 * 2**164
	{0xdbe6fecebdedd5be, 0xb573440e5a884d1b}, // 1e-10 * 2**161
	{0x89705f4136b4a597, 0x31680a88f8953030}, // 1e-9 * 2**157
	{0xabcc77118461cefc, 0xfdc20d2b36ba7c3d}, // 1e-8 * 2**154
	{0xd6bf94d5e57a42bc, 0x3d32907604691b4c}, // 1e-7 * 2**151
	{0x8637bd05af6c69b5, 0xa63f9a49c2c1b10f}, // 1e-6 * 2**147
	{0xa7c5ac471b478423, 0x0fcf80dc33721d53}, // 1e-5 * 2**144
	{0xd1b71758e219652b, 0xd3c36113404ea4a8}, // 1e-4 * 2**141
	{0x83126e978d4fdf3b, 0x645a1cac083126e9}, // 1e-3 * 2**137
	{0xa3d70a3d70a3d70a, 0x3d70a3d70a3d70a3}, // 1e-2 * 2**134
	{0xcccccccccccccccc, 0xcccccccccccccccc}, // 1e-1 * 2**131
	{0x8000000000000000, 0x0000000000000000}, // 1e0 * 2**127
	{0xa000000000000000, 0x0000000000000000}, // 1e1 * 2**124
	{0xc800000000000000, 0x0000000000000000}, // 1e2 * 2**121
	{0xfa00000000000000, 0x0000000000000000}, // 1e3 * 2**118
	{0x9c40000000000000, 0x0000000000000000}, // 1e4 * 2**114
	{0xc350000000000000, 0x0000000000000000}, // 1e5 * 2**111
	{0xf424000000000000, 0x0000000000000000}, // 1e6 * 2**108
	{0x9896800000000000, 0x0000000000000000}, // 1e7 * 2**104
	{0xbebc200000000000, 0x0000000000000000}, // 1e8 * 2**101
	{0xee6b280000000000, 0x0000000000000000}, // 1e9 * 2**98
	{0x9502f90000000000, 0x0000000000000000}, // 1e10 * 2**94
	{0xba43b74000000000, 0x0000000000000000}, // 1e11 * 2**91
	{0xe8d4a51000000000, 0x0000000000000000}, // 1e12 * 2**88
	{0x9184e72a00000000, 0x0000000000000000}, // 1e13 * 2**84
	{0xb5e620f480000000, 0x0000000000000000}, // 1e14 * 2**81
	{0xe35fa931a0000000, 0x0000000000000000}, // 1e15 * 2**78
	{0x8e1bc9bf04000000, 0x0000000000000000}, // 1e16 * 2**74
	{0xb1a2bc2ec5000000, 0x0000000000000000}, // 1e17 * 2**71
	{0xde0b6b3a76400000, 0x0000000000000000}, // 1e18 * 2**68
	{0x8ac7230489e80000, 0x0000000000000000}, // 1e19 * 2**64
	{0xad78ebc5ac620000, 0x0000000000000000}, // 1e20 * 2**61
	{0xd8d726b7177a8000, 0x0000000000000000}, // 1e21 * 2**58
	{0x878678326eac9000, 0x0000000000000000}, // 1e22 * 2**54
}
