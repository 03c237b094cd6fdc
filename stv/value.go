package stv

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// A Value is an exact number of votes, or a transfer value, as a count
// computed it: a fixed-point decimal (Units / 10^Decimals) in a count that
// uses fixed-point arithmetic, or a rational number in an exact count.
// The zero Value is 0.
type Value struct {
	units int64
	dp    int8 // decimal places; -1 when rat holds the value
	rat   *big.Rat
}

// Fixed returns the fixed-point value units/10^decimals (0 ≤ decimals ≤ 18).
func Fixed(units int64, decimals int) Value { return Value{units: units, dp: int8(decimals)} }

// Whole returns the value n (whole votes).
func Whole(n int64) Value { return Value{units: n} }

// Rational returns the value of r (copied).
func Rational(r *big.Rat) Value { return Value{dp: -1, rat: new(big.Rat).Set(r)} }

// ratView is v as a rational, not copied when v holds one: for reading
// only (big.Rat's arithmetic does not change its operands).
func (v Value) ratView() *big.Rat {
	if v.dp < 0 {
		return v.rat
	}
	return v.Rat()
}

// Rat returns the value as a new rational number.
func (v Value) Rat() *big.Rat {
	if v.dp < 0 {
		return new(big.Rat).Set(v.rat)
	}
	return new(big.Rat).SetFrac(big.NewInt(v.units), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(v.dp)), nil))
}

// Cmp compares two values exactly: -1, 0 or +1.
func (v Value) Cmp(w Value) int {
	if v.dp >= 0 && v.dp == w.dp {
		switch {
		case v.units < w.units:
			return -1
		case v.units > w.units:
			return 1
		}
		return 0
	}
	return v.ratView().Cmp(w.ratView())
}

// Sign is -1, 0 or +1.
func (v Value) Sign() int {
	if v.dp < 0 {
		return v.rat.Sign()
	}
	switch {
	case v.units < 0:
		return -1
	case v.units > 0:
		return 1
	}
	return 0
}

// Add returns v+w exactly (a rational sum when the scales differ).
func (v Value) Add(w Value) Value {
	if v.dp >= 0 && v.dp == w.dp {
		return Value{units: v.units + w.units, dp: v.dp}
	}
	return Value{dp: -1, rat: new(big.Rat).Add(v.ratView(), w.ratView())}
}

// Sub returns v-w exactly.
func (v Value) Sub(w Value) Value {
	if v.dp >= 0 && v.dp == w.dp {
		return Value{units: v.units - w.units, dp: v.dp}
	}
	return Value{dp: -1, rat: new(big.Rat).Sub(v.ratView(), w.ratView())}
}

// Float is the value as a float64, for display and statistics only.
func (v Value) Float() float64 {
	if v.dp < 0 {
		f, _ := v.rat.Float64()
		return f
	}
	return float64(v.units) / math.Pow10(int(v.dp))
}

// String writes the value exactly: a fixed-point value with all its
// decimals ("1914.00000"), a rational as an integer ("9") or a fraction
// ("9/20").
func (v Value) String() string {
	if v.dp < 0 {
		if v.rat.IsInt() {
			return v.rat.Num().String()
		}
		return v.rat.String()
	}
	return formatUnits(v.units, int(v.dp))
}

// Decimal writes the value rounded down (toward minus infinity) to d
// decimal places, as counting programs display a count.
func (v Value) Decimal(d int) string {
	if v.dp == int8(d) {
		return formatUnits(v.units, d)
	}
	r := v.Rat()
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
	num := new(big.Int).Mul(r.Num(), scale)
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(num, r.Denom(), m) // Euclidean: floor for positive denominators
	return pointDigits(q.String(), d)
}

func formatUnits(u int64, d int) string { return pointDigits(strconv.FormatInt(u, 10), d) }

// pointDigits puts a decimal point d digits from the right of an integer
// written in digits (with a leading '-' when negative).
func pointDigits(s string, d int) string {
	if d == 0 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for len(s) <= d {
		s = "0" + s
	}
	s = s[:len(s)-d] + "." + s[len(s)-d:]
	if neg {
		s = "-" + s
	}
	return s
}

// arith is the arithmetic of a count: how vote values of type N are added,
// compared, multiplied and divided, and with what rounding. Every
// operation that can round says which way.
type arith[N any] interface {
	// whole is n votes.
	whole(n int64) N
	add(a, b N) N
	sub(a, b N) N
	cmp(a, b N) int
	sign(a N) int
	// mulInt is a×k (k ≥ 0), exact.
	mulInt(a N, k int64) N
	// divInt is a/k (k > 0), rounded down to the precision.
	divInt(a N, k int64) N
	// mulDiv is a×b/c (a, b ≥ 0, c > 0), rounded down to the precision.
	mulDiv(a, b, c N) N
	// mulDivUp is a×b/c rounded up to the precision.
	mulDivUp(a, b, c N) N
	// mul is a×b rounded down; mulUp rounded up.
	mul(a, b N) N
	mulUp(a, b N) N
	// floorWhole rounds down to whole votes.
	floorWhole(a N) N
	// unit is the smallest positive value (10^-d), or 0 for exact
	// arithmetic.
	unit() N
	value(a N) Value
	exact() bool
}

// fixedArith is fixed-point decimal arithmetic: a value is an int64 count
// of units of 10^-dp. Products and quotients go through 128 bits, so they
// never overflow while the result fits.
type fixedArith struct {
	dp    int
	scale int64
}

func newFixed(dp int) fixedArith {
	s := int64(1)
	for i := 0; i < dp; i++ {
		s *= 10
	}
	return fixedArith{dp: dp, scale: s}
}

func (f fixedArith) whole(n int64) int64  { return n * f.scale }
func (f fixedArith) add(a, b int64) int64 { return a + b }
func (f fixedArith) sub(a, b int64) int64 { return a - b }
func (f fixedArith) cmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
func (f fixedArith) sign(a int64) int              { return f.cmp(a, 0) }
func (f fixedArith) mulInt(a int64, k int64) int64 { return checkedMul(a, k) }
func (f fixedArith) divInt(a int64, k int64) int64 {
	q := a / k
	if a%k != 0 && (a < 0) != (k < 0) {
		q--
	}
	return q
}
func (f fixedArith) mulDiv(a, b, c int64) int64   { return muldiv(a, b, c, false) }
func (f fixedArith) mulDivUp(a, b, c int64) int64 { return muldiv(a, b, c, true) }
func (f fixedArith) mul(a, b int64) int64         { return muldiv(a, b, f.scale, false) }
func (f fixedArith) mulUp(a, b int64) int64       { return muldiv(a, b, f.scale, true) }
func (f fixedArith) floorWhole(a int64) int64     { return f.divInt(a, f.scale) * f.scale }
func (f fixedArith) unit() int64                  { return 1 }
func (f fixedArith) value(a int64) Value          { return Value{units: a, dp: int8(f.dp)} }
func (f fixedArith) exact() bool                  { return false }

// ErrOverflow is the panic value when a fixed-point count's numbers do
// not fit in 64 bits; Count recovers it and returns an error.
type overflowError struct{ msg string }

func (e overflowError) Error() string { return e.msg }

func checkedMul(a, k int64) int64 {
	if a < 0 || k < 0 {
		if a == 0 || k == 0 {
			return 0
		}
		neg := (a < 0) != (k < 0)
		r := checkedMul(abs64(a), abs64(k))
		if neg {
			return -r
		}
		return r
	}
	hi, lo := bits.Mul64(uint64(a), uint64(k))
	if hi != 0 || lo > math.MaxInt64 {
		panic(overflowError{fmt.Sprintf("fixed-point overflow: %d × %d does not fit in 64 bits; count with rational arithmetic or fewer decimals", a, k)})
	}
	return int64(lo)
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// muldiv is a×b/c for a, b ≥ 0, c > 0, rounded down or up, through 128
// bits.
func muldiv(a, b, c int64, up bool) int64 {
	if a < 0 || b < 0 || c <= 0 {
		panic(fmt.Sprintf("stv: muldiv(%d, %d, %d) outside its domain", a, b, c))
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		panic(overflowError{fmt.Sprintf("fixed-point overflow: %d × %d / %d does not fit in 64 bits; count with rational arithmetic or fewer decimals", a, b, c)})
	}
	q, r := bits.Div64(hi, lo, uint64(c))
	if up && r != 0 {
		q++
	}
	if q > math.MaxInt64 {
		panic(overflowError{fmt.Sprintf("fixed-point overflow: %d × %d / %d", a, b, c)})
	}
	return int64(q)
}

// ratArith is exact rational arithmetic (math/big). Values are never
// changed in place once made.
type ratArith struct{}

func (ratArith) whole(n int64) *big.Rat     { return new(big.Rat).SetInt64(n) }
func (ratArith) add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func (ratArith) sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
func (ratArith) cmp(a, b *big.Rat) int      { return a.Cmp(b) }
func (ratArith) sign(a *big.Rat) int        { return a.Sign() }
func (ratArith) mulInt(a *big.Rat, k int64) *big.Rat {
	if k == 1 {
		return a
	}
	return new(big.Rat).Mul(a, new(big.Rat).SetInt64(k))
}
func (ratArith) divInt(a *big.Rat, k int64) *big.Rat {
	return new(big.Rat).Quo(a, new(big.Rat).SetInt64(k))
}
func (ratArith) mulDiv(a, b, c *big.Rat) *big.Rat {
	r := new(big.Rat).Mul(a, b)
	return r.Quo(r, c)
}
func (r ratArith) mulDivUp(a, b, c *big.Rat) *big.Rat { return r.mulDiv(a, b, c) }
func (ratArith) mul(a, b *big.Rat) *big.Rat           { return new(big.Rat).Mul(a, b) }
func (ratArith) mulUp(a, b *big.Rat) *big.Rat         { return new(big.Rat).Mul(a, b) }
func (ratArith) floorWhole(a *big.Rat) *big.Rat {
	if a.IsInt() {
		return a
	}
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(a.Num(), a.Denom(), m)
	return new(big.Rat).SetInt(q)
}
func (ratArith) unit() *big.Rat         { return new(big.Rat) }
func (ratArith) value(a *big.Rat) Value { return Value{dp: -1, rat: a} }
func (ratArith) exact() bool            { return true }
