package apportion

import (
	"math/big"
	"math/bits"
)

// Exact comparisons that decide seats. Every comparison of two quotients,
// remainders or threshold shares is a comparison of two products of
// non-negative integers, computed in 128 bits; when a product does not fit
// (votes near 2^62 times large divisors) it is recomputed with math/big.
// No floating-point value ever decides a seat.

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

func (x u128) cmp(y u128) int {
	switch {
	case x.hi < y.hi:
		return -1
	case x.hi > y.hi:
		return 1
	case x.lo < y.lo:
		return -1
	case x.lo > y.lo:
		return 1
	}
	return 0
}

func (x u128) sub(y u128) u128 {
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	return u128{hi, lo}
}

func (x u128) big() *big.Int {
	b := new(big.Int).SetUint64(x.hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(x.lo))
}

// mul128 returns x*y and whether it fits in 128 bits.
func mul128(x u128, y uint64) (u128, bool) {
	h1, l1 := bits.Mul64(x.lo, y)
	h2, l2 := bits.Mul64(x.hi, y)
	if h2 != 0 {
		return u128{}, false
	}
	hi, c := bits.Add64(h1, l2, 0)
	if c != 0 {
		return u128{}, false
	}
	return u128{hi, l1}, true
}

// prod returns a*b*c*d and whether it fits in 128 bits.
func prod(a, b, c, d uint64) (u128, bool) {
	hi, lo := bits.Mul64(a, b)
	x, ok := mul128(u128{hi, lo}, c)
	if !ok {
		return x, false
	}
	return mul128(x, d)
}

func bigProd(f [4]uint64) *big.Int {
	x := new(big.Int).SetUint64(f[0])
	for _, v := range f[1:] {
		x.Mul(x, new(big.Int).SetUint64(v))
	}
	return x
}

// cmpProd compares a[0]·a[1]·a[2]·a[3] with b[0]·b[1]·b[2]·b[3] exactly.
func cmpProd(a, b [4]uint64) int {
	x, okx := prod(a[0], a[1], a[2], a[3])
	y, oky := prod(b[0], b[1], b[2], b[3])
	if okx && oky {
		return x.cmp(y)
	}
	return bigProd(a).Cmp(bigProd(b))
}

// divmod returns floor(a·b / c) and a·b mod c (c > 0), with the quotient
// known to fit in 64 bits when a ≤ c·2^k for small k; otherwise math/big.
func divmod(a, b, c uint64) (q uint64, r u128) {
	hi, lo := bits.Mul64(a, b)
	if hi < c {
		q, rem := bits.Div64(hi, lo, c)
		return q, u128{0, rem}
	}
	x := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	qq, rr := new(big.Int).QuoRem(x, new(big.Int).SetUint64(c), new(big.Int))
	return qq.Uint64(), u128{0, rr.Uint64()}
}
