package lot

import (
	"slices"
	"testing"
)

func TestPermutationIsAPermutationAndReproducible(t *testing.T) {
	for n := 0; n < 20; n++ {
		p := Permutation(7, "E14001290", n)
		q := Permutation(7, "E14001290", n)
		if !slices.Equal(p, q) {
			t.Fatalf("n=%d: same seed gave %v and %v", n, p, q)
		}
		s := slices.Clone(p)
		slices.Sort(s)
		for i := range s {
			if s[i] != i {
				t.Fatalf("n=%d: %v is not a permutation", n, p)
			}
		}
	}
}

func TestPermutationDependsOnSeedAndStream(t *testing.T) {
	base := Permutation(1, "a", 12)
	if slices.Equal(base, Permutation(2, "a", 12)) {
		t.Errorf("seeds 1 and 2 gave the same order %v", base)
	}
	if slices.Equal(base, Permutation(1, "b", 12)) {
		t.Errorf("streams a and b gave the same order %v", base)
	}
}

// Every order of 3 items is drawn about equally often over many seeds.
func TestPermutationUniform(t *testing.T) {
	counts := map[[3]int]int{}
	const draws = 60000
	for s := uint64(0); s < draws; s++ {
		p := Permutation(s, "x", 3)
		counts[[3]int(p)]++
	}
	if len(counts) != 6 {
		t.Fatalf("expected 6 distinct orders, found %d", len(counts))
	}
	for k, c := range counts {
		if c < draws/6-600 || c > draws/6+600 {
			t.Errorf("order %v drawn %d times of %d; expected about %d", k, c, draws, draws/6)
		}
	}
}
