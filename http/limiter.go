package http

import (
	"context"
	"sync"
)

// limiter bounds what the work of this process holds at once: bytes of a
// memory budget and slots (a CPU's share of computation). One key (an
// account, or a client address before sign-in) may hold at most half of
// each, so no one account can take all of it. Waiters are served first
// come, first served, except that a waiter held back only by its own
// key's share does not hold up others. The server has two: one for the
// bodies being received, one for the computations on them (server.go).
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
}

type holding struct {
	bytes int64
	slots int
}

type waiter struct {
	key   string
	bytes int64
	slots int
	ready chan struct{}
}

// newLimiter returns a limiter of the given budget and slots; one key may
// hold half of each (at least one slot).
func newLimiter(bytes int64, slots int) *limiter {
	return &limiter{bytes: bytes, slots: slots, perKeyBytes: bytes / 2, perKeySlots: max(1, slots/2), byKey: map[string]*holding{}}
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
	return l.usedBytes+bytes <= l.bytes && l.usedSlots+slots <= l.slots
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
// slots, or ctx ends (then it returns ctx's error and holds nothing). The
// caller releases the same amounts with release.
func (l *limiter) acquire(ctx context.Context, key string, bytes int64, slots int) error {
	bytes, slots = l.clamp(bytes, slots)
	l.mu.Lock()
	if len(l.queue) == 0 && l.fitsAll(bytes, slots) && l.fitsKey(key, bytes, slots) {
		l.take(key, bytes, slots)
		l.mu.Unlock()
		return nil
	}
	w := &waiter{key: key, bytes: bytes, slots: slots, ready: make(chan struct{})}
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
			for i, q := range l.queue {
				if q == w {
					l.queue = append(l.queue[:i], l.queue[i+1:]...)
					break
				}
			}
		}
		l.grant()
		return ctx.Err()
	}
}

// release gives back what acquire took.
func (l *limiter) release(key string, bytes int64, slots int) {
	bytes, slots = l.clamp(bytes, slots)
	if bytes == 0 && slots == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.put(key, bytes, slots)
	l.grant()
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

// grant wakes waiters in order. A waiter that does not fit the totals
// stops the scan (no overtaking by smaller requests, so none starves); one
// held back only by its key's share is passed over.
func (l *limiter) grant() {
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
