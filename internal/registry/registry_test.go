package registry

import (
	"slices"
	"sync"
	"testing"
)

func TestOf(t *testing.T) {
	var r Of[string, int]
	if _, ok := r.Get("a"); ok {
		t.Fatal("the zero registry holds a")
	}
	for i, k := range []string{"b", "a", "c"} {
		if !r.Add(k, i) {
			t.Fatalf("Add(%q) refused", k)
		}
	}
	if r.Add("a", 9) {
		t.Error("Add of a key already there succeeded")
	}
	if v, ok := r.Get("a"); !ok || v != 1 {
		t.Errorf("Get(a) = %d, %v; want 1, true", v, ok)
	}
	if got := r.Keys(); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Errorf("Keys = %v, want the order of adding", got)
	}
	if got := r.Values(); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("Values = %v, want [0 1 2]", got)
	}
}

func TestOfConcurrent(t *testing.T) {
	var r Of[int, int]
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			r.Add(i%10, i)
			r.Get(i % 7)
			r.Values()
		})
	}
	wg.Wait()
	if n := len(r.Keys()); n != 10 {
		t.Errorf("%d keys, want 10", n)
	}
}
