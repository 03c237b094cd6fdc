package apportion

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
)

type divisorKind uint8

const (
	dhondt divisorKind = iota + 1
	sainteLague
	modifiedSainteLague
	danish
	imperiali
	huntingtonHill
	adams
	dean
)

// A Divisor is a highest-averages (divisor) method: seat after seat goes to
// the party with the highest quotient votes / d(s), where s is the number of
// seats it already holds and d the method's divisor sequence. Equivalently
// the seats go to the largest numbers in the table of v/d(0), v/d(1), ...
// (Pukelsheim, Proportional Representation, 2nd ed., Springer 2017, ch. 3–4;
// Balinski and Young, Fair Representation, 2nd ed., 2001).
//
// Divisor sequences d(s), s = 0, 1, 2, ...:
//
//	DHondt          s+1: 1, 2, 3, ...       (Jefferson; greatest divisors)
//	SainteLague     2s+1: 1, 3, 5, ...      (Webster; standard rounding)
//	Modified        f, 3, 5, 7, ...         (Sainte-Laguë with first divisor f, e.g. 1.4 in Norway)
//	Danish          3s+1: 1, 4, 7, ...
//	Imperiali       s+2: 2, 3, 4, ...
//	HuntingtonHill  √(s(s+1)): 0, √2, √6, ... (geometric mean; US House since 1941)
//	Adams           s: 0, 1, 2, ...         (smallest divisors)
//	Dean            2s(s+1)/(2s+1): 0, 4/3, 12/5, ... (harmonic mean)
//
// A zero divisor makes the quotient of a party with votes infinite: under
// Huntington–Hill, Adams and Dean every party with votes gets a first seat
// before anyone gets a second. Infinite quotients are equal to each other,
// so when there are fewer seats than such parties the first seats are a tie,
// decided only by the rule's TieRule.
type Divisor struct {
	kind  divisorKind
	first Ratio // Modified: the first divisor on the 1, 3, 5 scale
}

// The divisor methods.
var (
	DHondt         = Divisor{kind: dhondt}
	SainteLague    = Divisor{kind: sainteLague}
	Danish         = Divisor{kind: danish}
	Imperiali      = Divisor{kind: imperiali}
	HuntingtonHill = Divisor{kind: huntingtonHill}
	Adams          = Divisor{kind: adams}
	Dean           = Divisor{kind: dean}
)

// ModifiedSainteLague is Sainte-Laguë (divisors 1, 3, 5, ...) with the
// first divisor replaced by first: 1.4 in Norway's Storting elections
// (Election Act, valgloven) and in Sweden until 2014, 1.2 in Sweden since
// 2018 (Elections Act, vallagen). The first divisor must be greater than 0
// and at most 3.
func ModifiedSainteLague(first Ratio) (Divisor, error) {
	if first.Den <= 0 || first.Num <= 0 || first.Num > 3*first.Den {
		return Divisor{}, fmt.Errorf("modified Sainte-Laguë: expected a first divisor above 0 and at most 3 (such as 1.4), found %s", first)
	}
	return Divisor{kind: modifiedSainteLague, first: reduce(first.Num, first.Den)}, nil
}

// Name is the method's name as the command line accepts it.
func (d Divisor) Name() string {
	switch d.kind {
	case dhondt:
		return "dhondt"
	case sainteLague:
		return "sainte-lague"
	case modifiedSainteLague:
		return "modified-sainte-lague"
	case danish:
		return "danish"
	case imperiali:
		return "imperiali"
	case huntingtonHill:
		return "huntington-hill"
	case adams:
		return "adams"
	case dean:
		return "dean"
	}
	return "invalid"
}

// Title is the method's name for people.
func (d Divisor) Title() string {
	switch d.kind {
	case dhondt:
		return "D'Hondt (Jefferson) highest averages, divisors 1, 2, 3, …"
	case sainteLague:
		return "Sainte-Laguë (Webster) highest averages, divisors 1, 3, 5, …"
	case modifiedSainteLague:
		return "modified Sainte-Laguë highest averages, divisors " + d.first.String() + ", 3, 5, …"
	case danish:
		return "Danish highest averages, divisors 1, 4, 7, …"
	case imperiali:
		return "Imperiali highest averages, divisors 2, 3, 4, …"
	case huntingtonHill:
		return "Huntington–Hill (equal proportions), divisors √(s(s+1))"
	case adams:
		return "Adams (smallest divisors), divisors 0, 1, 2, …"
	case dean:
		return "Dean (harmonic mean), divisors 2s(s+1)/(2s+1)"
	}
	return "invalid"
}

// FirstDivisor is the modified Sainte-Laguë first divisor (zero otherwise).
func (d Divisor) FirstDivisor() Ratio { return d.first }

// div returns d(s)^pow = n/m.
func (d Divisor) div(s int) (n, m uint64, pow int) {
	u := uint64(s)
	switch d.kind {
	case dhondt:
		return u + 1, 1, 1
	case sainteLague:
		return 2*u + 1, 1, 1
	case modifiedSainteLague:
		if s == 0 {
			return uint64(d.first.Num), uint64(d.first.Den), 1
		}
		return (2*u + 1) * uint64(d.first.Den), uint64(d.first.Den), 1
	case danish:
		return 3*u + 1, 1, 1
	case imperiali:
		return u + 2, 1, 1
	case huntingtonHill:
		return u * (u + 1), 1, 2
	case adams:
		return u, 1, 1
	case dean:
		return 2 * u * (u + 1), 2*u + 1, 1
	}
	panic("apportion: invalid divisor method")
}

// DivisorString writes d(s) for display: "3", "1.4", "4/3", "√6".
func (d Divisor) DivisorString(s int) string {
	n, m, pow := d.div(s)
	if pow == 2 {
		if n == 0 {
			return "0"
		}
		r := uint64(math.Sqrt(float64(n)))
		if r*r == n {
			return strconv.FormatUint(r, 10)
		}
		return "√" + strconv.FormatUint(n, 10)
	}
	q := new(big.Rat).SetFrac(new(big.Int).SetUint64(n), new(big.Int).SetUint64(m))
	return Ratio{q.Num().Int64(), q.Denom().Int64()}.String()
}

// Quotient returns votes / d(s) exactly, as a fraction in lowest terms
// ("1413/1" is written "1413", "4240/3" stays a fraction), or "∞" when
// d(s) = 0, and its value as a float for display. Huntington–Hill quotients
// are irrational; they are written v/√n.
func (d Divisor) Quotient(votes int64, s int) (exact string, approx float64) {
	n, m, pow := d.div(s)
	if n == 0 {
		return "∞", math.Inf(1)
	}
	if pow == 2 {
		return strconv.FormatInt(votes, 10) + "/√" + strconv.FormatUint(n, 10), float64(votes) / math.Sqrt(float64(n))
	}
	if hi, x := bits.Mul64(uint64(votes), m); hi == 0 && x < 1<<53 && n < 1<<53 {
		// Both exact in a float64: the division is correctly rounded, as
		// big.Rat's would be, without its allocations (one quotient per
		// seat in a report of the order of award).
		g := gcd64(x, n)
		exact = strconv.FormatUint(x/g, 10)
		if n/g != 1 {
			exact += "/" + strconv.FormatUint(n/g, 10)
		}
		return exact, float64(x) / float64(n)
	}
	q := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(votes), new(big.Int).SetUint64(m)), new(big.Int).SetUint64(n))
	f, _ := q.Float64()
	return q.RatString(), f
}

func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// quot is one party's current quotient v/d(s), with d(s)^pow = n/m, kept
// as the numerator x = v^pow·m and the denominator n so that two quotients
// compare as x_a·n_b against x_b·n_a.
type quot struct {
	x u128   // v^pow · m
	n uint64 // 0: infinite quotient
	v uint64 // votes
	p int32  // party index
	s int32  // seats held (the divisor's index)
}

func (d Divisor) quot(p int, v int64, s int) quot {
	n, m, pow := d.div(s)
	hi, lo := bits.Mul64(uint64(v), m)
	x := u128{hi, lo}
	if pow == 2 {
		var ok bool
		if x, ok = mul128(x, uint64(v)); !ok {
			// v²·m beyond 128 bits: saturate; cmpQuot then compares
			// exactly in math/big.
			x = saturated
		}
	}
	return quot{x: x, n: n, v: uint64(v), p: int32(p), s: int32(s)}
}

var saturated = u128{^uint64(0), ^uint64(0)}

// cmpQuot compares two quotients exactly: v_a/d_a against v_b/d_b is
// x_a·n_b against x_b·n_a (both divisors positive), computed with one
// 64×64-bit multiplication a side when the numerators fit in 64 bits, else
// in 128 bits, else with math/big. An infinite quotient (n = 0) is greater
// than any finite one and equal to another infinite one.
func cmpQuot(a, b *quot, d Divisor) int {
	switch {
	case a.n == 0 && b.n == 0:
		return 0
	case a.n == 0:
		return 1
	case b.n == 0:
		return -1
	}
	if a.x.hi == 0 && b.x.hi == 0 {
		h1, l1 := bits.Mul64(a.x.lo, b.n)
		h2, l2 := bits.Mul64(b.x.lo, a.n)
		return u128{h1, l1}.cmp(u128{h2, l2})
	}
	if a.x != saturated && b.x != saturated {
		l, okl := mul128(a.x, b.n)
		r, okr := mul128(b.x, a.n)
		if okl && okr {
			return l.cmp(r)
		}
	}
	// Exact in math/big from the definition.
	_, ma, pow := d.div(int(a.s))
	_, mb, _ := d.div(int(b.s))
	if pow == 2 {
		return cmpProd5(a.v, a.v, ma, b.n, b.v, b.v, mb, a.n)
	}
	return cmpProd([4]uint64{a.v, ma, b.n, 1}, [4]uint64{b.v, mb, a.n, 1})
}

func cmpProd5(a1, a2, a3, a4, b1, b2, b3, b4 uint64) int {
	return bigProd([4]uint64{a1, a2, a3, a4}).Cmp(bigProd([4]uint64{b1, b2, b3, b4}))
}

// qheap is a binary max-heap of quotients of one divisor method.
type qheap struct {
	q []quot
	d Divisor
}

func (h *qheap) cmp(i, j int) int { return cmpQuot(&h.q[i], &h.q[j], h.d) }

func (h *qheap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h.cmp(i, p) <= 0 {
			return
		}
		h.q[i], h.q[p] = h.q[p], h.q[i]
		i = p
	}
}

func (h *qheap) down(i int) {
	n := len(h.q)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && h.cmp(r, l) > 0 {
			c = r
		}
		if h.cmp(c, i) <= 0 {
			return
		}
		h.q[i], h.q[c] = h.q[c], h.q[i]
		i = c
	}
}

func (h *qheap) push(q quot) {
	h.q = append(h.q, q)
	h.up(len(h.q) - 1)
}

func (h *qheap) pop() quot {
	top := h.q[0]
	n := len(h.q) - 1
	h.q[0] = h.q[n]
	h.q = h.q[:n]
	if n > 0 {
		h.down(0)
	}
	return top
}

// tiedAtTop reports whether another quotient equals the highest one. Every
// quotient equal to the maximum has a parent equal to the maximum, so the
// equal ones form a subtree under the root: checking the root's children
// is enough.
func (h *qheap) tiedAtTop() bool {
	n := len(h.q)
	return (n > 1 && h.cmp(1, 0) == 0) || (n > 2 && h.cmp(2, 0) == 0)
}

// apportion runs the divisor method over the eligible parties.
//
// Algorithm: a binary max-heap holds each eligible party's next quotient
// v/d(s). While no other quotient equals the highest (checked exactly at the
// root's two children: equal maxima always sit in a subtree under the
// root), the top party wins the seat and its entry is replaced by its next
// quotient and sifted down. When several quotients equal the highest, all
// of them are taken together: if they fit in the seats left every one is
// seated (the tie decides nothing and is only counted), otherwise they
// contest the last seats
// and the TieRule decides, or the seats are left pending. Every comparison
// is exact (cmpQuot), so no tie can go unseen. Cost: O((P + S) log P)
// comparisons for P parties and S seats, O(P + S) memory for the order of
// award.
func (d Divisor) apportion(c *count) {
	h := &qheap{d: d, q: make([]quot, 0, len(c.parties))}
	for i := range c.parties {
		p := &c.parties[i]
		if !p.eligible || p.Votes == 0 || (p.Max > 0 && p.Seats >= p.Max) {
			continue
		}
		h.q = append(h.q, d.quot(i, p.Votes, p.Start))
	}
	for i := len(h.q)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	// The order of award grows as seats are awarded: lists limited by Max
	// may leave seats vacant, so the house size is only an upper bound.
	c.res.Awards = make([]Award, 0, min(c.seats, 1<<12))
	awarded := 0
	record := func(q quot, tie int) *PartyResult {
		awarded++
		p := &c.parties[q.p]
		p.Seats++
		c.res.Awards = append(c.res.Awards, Award{Seat: int32(awarded), Party: q.p, Prior: q.s, Tie: int32(tie)})
		return p
	}
	var group []quot
	popGroup := func() {
		group = group[:0]
		top := h.pop()
		group = append(group, top)
		for len(h.q) > 0 && cmpQuot(&h.q[0], &top, d) == 0 {
			group = append(group, h.pop())
		}
		slices.SortFunc(group, func(a, b quot) int { return c.cmpID(int(a.p), int(b.p)) })
	}
	award := func(q quot, tie int) {
		if p := record(q, tie); p.Max == 0 || p.Seats < p.Max {
			h.push(d.quot(int(q.p), p.Votes, int(q.s)+1))
		}
	}
	for awarded < c.seats && len(h.q) > 0 {
		if !h.tiedAtTop() {
			// One highest quotient: replace it by the party's next.
			q := h.q[0]
			if p := record(q, NoTie); p.Max == 0 || p.Seats < p.Max {
				h.q[0] = d.quot(int(q.p), p.Votes, int(q.s)+1)
				h.down(0)
			} else {
				h.pop()
			}
			continue
		}
		popGroup()
		left := c.seats - awarded
		if len(group) <= left {
			// Every tied party is seated: nothing to decide, nothing kept
			// but a count and a mark on the awards.
			c.res.SeatedTies++
			for _, q := range group {
				award(q, SeatedTie)
			}
			continue
		}
		// The group contests the last seats.
		idx := make([]int, len(group))
		for i, q := range group {
			idx[i] = int(q.p)
		}
		exact, _ := d.Quotient(int64(group[0].v), int(group[0].s))
		t := Tie{FirstSeat: awarded + 1, Seats: left, Parties: idx, Value: exact}
		byParty := map[int32]quot{}
		for _, q := range group {
			byParty[q.p] = q
		}
		addOne := func(a, b int) int {
			qa, qb := byParty[int32(a)], byParty[int32(b)]
			x, y := d.quot(a, int64(qa.v)+1, int(qa.s)), d.quot(b, int64(qb.v)+1, int(qb.s))
			return cmpQuot(&x, &y, d)
		}
		c.resolve(&t, addOne)
		ti := c.addTie(t)
		for _, w := range t.Winners {
			record(byParty[int32(w)], ti)
		}
		c.res.Pending = t.Pending
		// The losers' quotients are the next ones.
		for _, q := range group {
			if !slices.Contains(t.Winners, int(q.p)) {
				c.res.Next = append(c.res.Next, Award{Party: q.p, Prior: q.s, Tie: NoTie})
			}
		}
		return
	}
	c.res.Vacant = c.seats - awarded
	if len(h.q) > 0 {
		popGroup()
		for _, q := range group {
			c.res.Next = append(c.res.Next, Award{Party: q.p, Prior: q.s, Tie: NoTie})
		}
	}
}
