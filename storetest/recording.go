package storetest

import (
	"bytes"
	"math/rand/v2"
	"strconv"
)

// RecordingText returns a valid recording (format version 1, blazepose33, a
// rear-left bird dog header) of frames frames at 30 fps with image and world
// landmarks drawn from a generator seeded with seed, so that different seeds
// give different bytes. Every 50th frame has no person (lm null). It is test
// data for storage and upload paths, not a body that moves: the analysis of
// it may well be inconclusive. A 60 s recording (1800 frames) is about 3 MB.
func RecordingText(seed int64, frames int) []byte {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	var b bytes.Buffer
	b.Grow(frames * 1700)
	b.WriteString(`{"format":"stretchwise-recording","version":1,"topology":"blazepose33","fps":30,"width":1280,"height":720,"view":"rear-left","exercise":"bird-dog","source":"storetest seed `)
	b.WriteString(strconv.FormatInt(seed, 10))
	b.WriteString("\"}\n")
	num := func(v float64) { b.WriteString(strconv.FormatFloat(v, 'f', 4, 64)) }
	pose := func(scale, offset float64) {
		b.WriteByte('[')
		for i := range 33 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			num(offset + scale*rng.Float64())
			b.WriteByte(',')
			num(offset + scale*rng.Float64())
			b.WriteByte(',')
			num(scale * (rng.Float64() - 0.5))
			b.WriteByte(',')
			num(0.5 + 0.5*rng.Float64())
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	for i := range frames {
		b.WriteString(`{"t":`)
		b.WriteString(strconv.FormatFloat(float64(i)/30, 'f', 4, 64))
		if i%50 == 49 {
			b.WriteString(`,"lm":null}` + "\n")
			continue
		}
		b.WriteString(`,"lm":`)
		pose(0.6, 0.2)
		b.WriteString(`,"world":`)
		pose(1, -0.5)
		b.WriteString("}\n")
	}
	return b.Bytes()
}
