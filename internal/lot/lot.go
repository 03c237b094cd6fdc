package lot

import (
	"hash/fnv"
	"math/rand/v2"
)

// Permutation returns a uniformly drawn permutation of 0..n-1 for the given
// seed and stream name (for example a contest ID). Item k of the drawn order
// is item perm[k] of the canonical order.
func Permutation(seed uint64, stream string, n int) []int {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	h := fnv.New64a()
	h.Write([]byte(stream))
	src := rand.NewPCG(seed, h.Sum64())
	for i := n - 1; i > 0; i-- {
		j := bounded(src, uint64(i+1))
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm
}

// bounded returns a uniform integer in [0, n) from src, by rejection.
func bounded(src *rand.PCG, n uint64) uint64 {
	limit := -n % n // 2^64 mod n: values below it are rejected
	for {
		v := src.Uint64()
		if v >= limit {
			return v % n
		}
	}
}
