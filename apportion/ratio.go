package apportion

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// A Ratio is an exact non-negative fraction Num/Den, used for thresholds
// (a share of the votes) and for a modified Sainte-Laguë first divisor. The
// zero Ratio (0/0) means "not set".
type Ratio struct {
	Num, Den int64
}

// IsZero reports whether r is unset or equal to 0.
func (r Ratio) IsZero() bool { return r.Num == 0 }

// Rat returns r as a *big.Rat (0 when unset).
func (r Ratio) Rat() *big.Rat {
	if r.Den == 0 {
		return new(big.Rat)
	}
	return big.NewRat(r.Num, r.Den)
}

// String writes r in lowest terms as a decimal when it has a short one
// ("1.4", "5") and as a fraction otherwise ("1/150").
func (r Ratio) String() string {
	if r.Den == 0 {
		return "0"
	}
	q := r.Rat()
	if s := q.FloatString(6); q.Cmp(mustRat(s)) == 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		return s
	}
	return q.String()
}

func mustRat(s string) *big.Rat {
	q, _ := new(big.Rat).SetString(s)
	return q
}

// ParseRatio reads an exact non-negative number written as an integer
// ("5"), a decimal ("1.4", "0.6667") or a fraction ("1/150"). It never goes
// through floating point.
func ParseRatio(s string) (Ratio, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Ratio{}, fmt.Errorf("expected a number such as 5, 1.4 or 1/150, found an empty value")
	}
	if strings.ContainsAny(s, "eE+-") {
		return Ratio{}, fmt.Errorf("expected a non-negative number such as 5, 1.4 or 1/150, found %q", s)
	}
	if n, d, ok := strings.Cut(s, "/"); ok {
		a, err1 := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		b, err2 := strconv.ParseInt(strings.TrimSpace(d), 10, 64)
		if err1 != nil || err2 != nil || b <= 0 {
			return Ratio{}, fmt.Errorf("expected a fraction of whole numbers such as 1/150, found %q", s)
		}
		return reduce(a, b), nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 12 {
		return Ratio{}, fmt.Errorf("expected at most 12 decimal places, found %q", s)
	}
	den := int64(1)
	for range frac {
		den *= 10
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || strings.ContainsAny(whole+frac, " ,") {
		return Ratio{}, fmt.Errorf("expected a number such as 5, 1.4 or 1/150, found %q", s)
	}
	return reduce(n, den), nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func reduce(n, d int64) Ratio {
	if n == 0 {
		return Ratio{0, 1}
	}
	g := gcd(n, d)
	return Ratio{n / g, d / g}
}

// ParseShare reads a share (of the votes, or of the seats) written either as
// a percent — "5", "5%", "0.5", "4.96%" — or as a fraction — "1/150", which
// is 1/150 of the whole, not 1/150 of a percent. A fraction takes no "%".
// The share must be from 0 to 1 (100%). It never goes through floating
// point; thresholds, list shares and the command line's options all read
// shares with it.
func ParseShare(s string) (Ratio, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, "/") {
		if strings.HasSuffix(t, "%") {
			return Ratio{}, fmt.Errorf("%q: a fraction is a share of the whole, not of a percent; write it without %% (1/150) or give a percent (0.5)", s)
		}
		r, err := ParseRatio(t)
		if err != nil {
			return Ratio{}, fmt.Errorf("expected a percent such as 5, 5%% or 0.5, or a fraction such as 1/150, found %q", s)
		}
		if r.Num > r.Den {
			return Ratio{}, fmt.Errorf("%q is more than the whole; expected a fraction from 0 to 1 (such as 1/150)", s)
		}
		return r, nil
	}
	p, err := ParseRatio(strings.TrimSuffix(t, "%"))
	if err != nil || t == "%" {
		return Ratio{}, fmt.Errorf("expected a percent such as 5, 5%% or 0.5, or a fraction such as 1/150, found %q", s)
	}
	if p.Num > 100*p.Den {
		return Ratio{}, fmt.Errorf("%s%%: expected a percent from 0 to 100", p)
	}
	return Percent(p), nil
}

// Percent returns p percent as a fraction (p/100).
func Percent(p Ratio) Ratio {
	if p.Den == 0 {
		return Ratio{}
	}
	g := gcd(p.Num, 100)
	n, d := p.Num/g, 100/g
	g2 := gcd(n, p.Den)
	return reduce(n/g2, p.Den/g2*d)
}
