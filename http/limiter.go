package http

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
	"time"
)

// limiter bounds what the work of this process holds at once: bytes of a
// memory budget and slots (a CPU's share of computation). One key (an
// account, or a client address before sign-in) may hold at most half of
// each, so no one account can take all of it. The server has three: one
// for the bodies being received, one for the bodies arriving on disk, one
// for the computations on them (server.go).
//
// Waiters are served in the order of their recent use: the key and the
// class of work (uploads, issue reports, password checks before sign-in,
// ...) that held the fewest slot-seconds lately go first, so a flood of
// one kind of work, or from one account, waits behind everyone else's
// (arrival order among equals). A waiter that does not fit the totals
// stops the scan, so smaller requests of heavier users do not overtake it
// (lighter users arriving later do, until their own use grows or its
// key's decays; past WorkWait it is answered 503); one held back only by
// its own key's share is passed over.
//
// While reserve reports true (requests that do no expensive work are being
// answered), the slots held are bounded by reserveSlots: expensive work
// leaves CPUs to them.
type limiter struct {
	mu          sync.Mutex
	bytes       int64 // budget of all holders
	slots       int   // slots of all holders
	perKeyBytes int64
	perKeySlots int
	usedBytes   int64
	usedSlots   int
	byKey       map[string]*holding
	queue       []*waiter

	reserve      func() bool // nil: never
	reserveSlots int
	use          map[string]*recentUse // by key and by "class:"+class
	charges      int
	arrivals     uint64
}

type holding struct {
	bytes int64
	slots int
}

type waiter struct {
	key, class string
	bytes      int64
	slots      int
	seq        uint64  // arrival order
	score      float64 // recent use of its key and class when last sorted
	ready      chan struct{}
}

// useHalfLife is how fast the limiter forgets what a key or class used:
// our choice, long enough to span a flood's bursts, short enough that a
// person who uploaded a lot a minute ago is not held back now.
const useHalfLife = 10 * time.Second

// recentUse is slot-seconds decayed with useHalfLife since at.
type recentUse struct {
	v  float64
	at time.Time
}

func (u *recentUse) value(now time.Time) float64 {
	return u.v * math.Exp2(-now.Sub(u.at).Seconds()/useHalfLife.Seconds())
}

// newLimiter returns a limiter of the given budget and slots; one key may
// hold half of each (at least one slot).
func newLimiter(bytes int64, slots int) *limiter {
	return &limiter{bytes: bytes, slots: slots, perKeyBytes: bytes / 2, perKeySlots: max(1, slots/2),
		byKey: map[string]*holding{}, use: map[string]*recentUse{}}
}

// clamp bounds a request to what one key may ever hold, so that any
// request can eventually be granted. The server sizes its budgets so that
// no request is clamped in bytes (NewServer).
func (l *limiter) clamp(bytes int64, slots int) (int64, int) {
	return min(bytes, l.perKeyBytes), min(slots, l.perKeySlots)
}

// fitsKey reports whether key may take bytes and slots more of its share.
func (l *limiter) fitsKey(key string, bytes int64, slots int) bool {
	h := l.byKey[key]
	if h == nil {
		return true
	}
	return h.bytes+bytes <= l.perKeyBytes && h.slots+slots <= l.perKeySlots
}

func (l *limiter) fitsAll(bytes int64, slots int) bool {
	limit := l.slots
	if slots > 0 && l.reserve != nil && l.reserve() {
		limit = min(limit, l.reserveSlots)
	}
	return l.usedBytes+bytes <= l.bytes && l.usedSlots+slots <= limit
}

func (l *limiter) take(key string, bytes int64, slots int) {
	h := l.byKey[key]
	if h == nil {
		h = &holding{}
		l.byKey[key] = h
	}
	h.bytes += bytes
	h.slots += slots
	l.usedBytes += bytes
	l.usedSlots += slots
}

// acquire waits until key may hold bytes more of the budget and slots more
// slots for work of class, or ctx ends (then it returns ctx's error and
// holds nothing). The caller gives them back with release.
func (l *limiter) acquire(ctx context.Context, key, class string, bytes int64, slots int) error {
	bytes, slots = l.clamp(bytes, slots)
	l.mu.Lock()
	if len(l.queue) == 0 && l.fitsAll(bytes, slots) && l.fitsKey(key, bytes, slots) {
		l.take(key, bytes, slots)
		l.mu.Unlock()
		return nil
	}
	l.arrivals++
	w := &waiter{key: key, class: class, bytes: bytes, slots: slots, seq: l.arrivals, ready: make(chan struct{})}
	l.queue = append(l.queue, w)
	l.grant() // the queue may be waiting on other keys' shares only
	l.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		select {
		case <-w.ready: // granted meanwhile: give it back
			l.put(key, bytes, slots)
		default:
			l.queue = slices.DeleteFunc(l.queue, func(q *waiter) bool { return q == w })
		}
		l.grant()
		return ctx.Err()
	}
}

// release gives back what acquire took.
func (l *limiter) release(key string, bytes int64, slots int) {
	l.releaseUsed(key, "", bytes, slots, 0)
}

// releaseUsed gives back what acquire took for work of class, after it
// was held for held: the slot-seconds count as the recent use of key and
// class.
func (l *limiter) releaseUsed(key, class string, bytes int64, slots int, held time.Duration) {
	bytes, slots = l.clamp(bytes, slots)
	if bytes == 0 && slots == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.put(key, bytes, slots)
	if slots > 0 && held > 0 {
		now := time.Now()
		l.charge(key, now, float64(slots)*held.Seconds())
		l.charge("class:"+class, now, float64(slots)*held.Seconds())
	}
	l.grant()
}

// charge adds v slot-seconds to what name used lately, and now and then
// forgets names whose use has decayed to nothing (a flood from many
// addresses leaves one each).
func (l *limiter) charge(name string, now time.Time, v float64) {
	u := l.use[name]
	if u == nil {
		u = &recentUse{}
		l.use[name] = u
	}
	u.v, u.at = u.value(now)+v, now
	if l.charges++; l.charges%1024 == 0 {
		for k, u := range l.use {
			if u.value(now) < 1e-3 {
				delete(l.use, k)
			}
		}
	}
}

func (l *limiter) recent(name string, now time.Time) float64 {
	if u := l.use[name]; u != nil {
		return u.value(now)
	}
	return 0
}

func (l *limiter) put(key string, bytes int64, slots int) {
	h := l.byKey[key]
	h.bytes -= bytes
	h.slots -= slots
	if h.bytes == 0 && h.slots == 0 {
		delete(l.byKey, key)
	}
	l.usedBytes -= bytes
	l.usedSlots -= slots
}

// grant wakes waiters in the order of their recent use (see limiter).
func (l *limiter) grant() {
	if len(l.queue) == 0 {
		return
	}
	if len(l.use) > 0 {
		now := time.Now()
		for _, w := range l.queue {
			w.score = l.recent(w.key, now) + l.recent("class:"+w.class, now)
		}
		slices.SortFunc(l.queue, func(a, b *waiter) int {
			switch {
			case a.score < b.score:
				return -1
			case a.score > b.score:
				return 1
			}
			return cmp.Compare(a.seq, b.seq)
		})
	}
	kept := l.queue[:0]
	blocked := false
	for _, w := range l.queue {
		switch {
		case blocked || !l.fitsKey(w.key, w.bytes, w.slots):
			kept = append(kept, w)
		case !l.fitsAll(w.bytes, w.slots):
			blocked = true
			kept = append(kept, w)
		default:
			l.take(w.key, w.bytes, w.slots)
			close(w.ready)
		}
	}
	clear(l.queue[len(kept):])
	l.queue = kept
}
