// Package registry holds values by key in the order they were added, safe
// for concurrent use: the exercise registries of the assessments, the live
// coaches and the synthetic motions, filled from init functions and read
// while serving.
package registry

import "sync"

// Of is a registry of values of type V by key K. The zero value is empty
// and ready to use.
type Of[K comparable, V any] struct {
	mu    sync.RWMutex
	m     map[K]V
	order []K
}

// Add adds v under k and reports true, or false (adding nothing) when k is
// already there.
func (r *Of[K, V]) Add(k K, v V) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.m[k]; dup {
		return false
	}
	if r.m == nil {
		r.m = map[K]V{}
	}
	r.m[k] = v
	r.order = append(r.order, k)
	return true
}

// Get returns the value under k.
func (r *Of[K, V]) Get(k K) (V, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	v, ok := r.m[k]
	return v, ok
}

// Keys returns the keys in the order they were added.
func (r *Of[K, V]) Keys() []K {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]K(nil), r.order...)
}

// Values returns the values in the order they were added.
func (r *Of[K, V]) Values() []V {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]V, len(r.order))
	for i, k := range r.order {
		out[i] = r.m[k]
	}
	return out
}
