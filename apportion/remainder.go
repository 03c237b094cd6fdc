package apportion

import (
	"fmt"
	"math/big"
	"slices"
)

type quotaKind uint8

const (
	hareQuota quotaKind = iota + 1
	droopQuota
	hagenbachBischoffQuota
	imperialiQuota
)

// Rounding says how a largest-remainder quota is rounded to whole votes.
type Rounding uint8

// Quota roundings.
const (
	Exact   Rounding = iota // the exact fraction V/k (no rounding)
	Down                    // floor(V/k)
	Up                      // ceil(V/k)
	Nearest                 // V/k rounded to the nearest whole number, halves up
)

// A LargestRemainder method (quota method) divides each party's votes by a
// quota, gives it the whole part in seats, and gives the seats left over
// one each to the parties with the largest remainders (fractional parts).
// Quotas, for V qualifying votes and S seats:
//
//	Hare               V/S          (Hamilton, Hare–Niemeyer)
//	Droop              floor(V/(S+1)) + 1
//	HagenbachBischoff  V/(S+1)      (Slovakia: rounded to whole votes)
//	ImperialiQuota     V/(S+2)      (Italy, formerly)
//
// The quota is an exact fraction unless rounded (WithRounding). With a quota
// below V/S the whole parts may exceed S; then, as the Slovak Act
// prescribes, the surplus seats are taken back one each from the parties
// with the smallest remainders (a party keeps at least the seats its
// remainder ranking allows; a tie is decided by the TieRule).
//
// Largest-remainder methods are not house-monotone: adding a seat can take
// one from a party (the Alabama paradox; Balinski and Young 2001, ch. 5).
// Each party gets floor or ceil of its exact Hare quota share (the quota
// rule) under the Hare quota.
//
// A party with a list limit (Party.Max; 1 for an individual candidate) that
// would take more seats keeps only Max and is excluded: the remaining seats
// are apportioned again among the other parties, with the quota of their
// votes and those seats (as a divisor method passes an exhausted list's
// seats to the next quotients). The result marks it Limited. Seats already
// held (Party.Start) have no meaning here and are an error.
type LargestRemainder struct {
	quota    quotaKind
	rounding Rounding
}

// The largest-remainder methods.
var (
	Hare              = LargestRemainder{quota: hareQuota}
	Droop             = LargestRemainder{quota: droopQuota}
	HagenbachBischoff = LargestRemainder{quota: hagenbachBischoffQuota}
	ImperialiQuota    = LargestRemainder{quota: imperialiQuota}
)

// WithRounding returns the method with its quota rounded to whole votes.
// The Droop quota is always floor(V/(S+1)) + 1 and ignores it.
func (l LargestRemainder) WithRounding(r Rounding) LargestRemainder {
	l.rounding = r
	return l
}

// Rounding is the quota's rounding.
func (l LargestRemainder) Rounding() Rounding { return l.rounding }

// Name is the method's name as the command line accepts it.
func (l LargestRemainder) Name() string {
	switch l.quota {
	case hareQuota:
		return "hare"
	case droopQuota:
		return "droop"
	case hagenbachBischoffQuota:
		return "hagenbach-bischoff"
	case imperialiQuota:
		return "imperiali-quota"
	}
	return "invalid"
}

// Title is the method's name for people.
func (l LargestRemainder) Title() string {
	var s string
	switch l.quota {
	case hareQuota:
		s = "largest remainder, Hare quota V/S (Hamilton, Hare–Niemeyer)"
	case droopQuota:
		return "largest remainder, Droop quota floor(V/(S+1))+1"
	case hagenbachBischoffQuota:
		s = "largest remainder, Hagenbach-Bischoff quota V/(S+1)"
	case imperialiQuota:
		s = "largest remainder, Imperiali quota V/(S+2)"
	default:
		return "invalid"
	}
	switch l.rounding {
	case Down:
		s += " rounded down"
	case Up:
		s += " rounded up"
	case Nearest:
		s += " rounded to the nearest vote"
	}
	return s
}

// quota returns the quota as num/den for v votes and s seats.
func (l LargestRemainder) quotaOf(v int64, s int) (num, den uint64) {
	k := uint64(s)
	switch l.quota {
	case droopQuota, hagenbachBischoffQuota:
		k++
	case imperialiQuota:
		k += 2
	}
	V := uint64(v)
	if l.quota == droopQuota {
		return V/k + 1, 1
	}
	switch l.rounding {
	case Down:
		return V / k, 1
	case Up:
		return (V + k - 1) / k, 1
	case Nearest:
		return (2*V + k) / (2 * k), 1
	}
	return V, k
}

// apportion runs the method. A party whose seats exceed its Max (an
// individual candidate: 1) keeps Max seats and is excluded; the seats left
// are apportioned again among the other parties, with a quota of their
// votes and those seats, until no party is over its limit. Only the last
// round's quota, remainders, awards and ties are kept.
func (l LargestRemainder) apportion(c *count) {
	seats, limited := c.seats, 0
	for {
		l.round(c, seats, limited)
		if c.err != nil {
			return
		}
		var over []int
		for i := range c.parties {
			if p := &c.parties[i]; p.eligible && p.Max > 0 && p.Seats > p.Max {
				over = append(over, i)
			}
		}
		if len(over) == 0 {
			return
		}
		for _, i := range over {
			p := &c.parties[i]
			p.eligible, p.Limited = false, true
			p.Seats = p.Max
			seats -= p.Max
			limited += p.Max
		}
		left := false
		for i := range c.parties {
			p := &c.parties[i]
			p.QuotaShare, p.Remainder, p.Whole, p.Extra = nil, nil, 0, 0
			if p.eligible {
				p.Seats = 0
				left = left || p.Votes > 0
			}
		}
		*c.res = Result{Method: c.res.Method, Seats: c.res.Seats, Votes: c.res.Votes, QualifiedVotes: c.res.QualifiedVotes}
		if seats == 0 || !left {
			c.res.Vacant = seats
			return
		}
	}
}

// round apportions seats among the eligible parties; offset is the seats
// already given to parties excluded at their limit, for numbering.
func (l LargestRemainder) round(c *count, seats, offset int) {
	var base int64
	for i := range c.parties {
		if c.parties[i].eligible {
			base += c.parties[i].Votes
		}
	}
	qn, qd := l.quotaOf(base, seats)
	if qn == 0 {
		c.err = fmt.Errorf("%s: the quota is 0 votes (%d qualifying votes for %d seats); expected a quota of at least 1 vote", l.Name(), base, seats)
		return
	}
	c.res.Quota = new(big.Rat).SetFrac(new(big.Int).SetUint64(qn), new(big.Int).SetUint64(qd))
	rem := make([]u128, len(c.parties)) // remainder, in units of 1/qd vote
	whole := 0
	var cand []int
	for i := range c.parties {
		p := &c.parties[i]
		if !p.eligible || p.Votes == 0 {
			continue
		}
		w, r := divmod(uint64(p.Votes), qd, qn)
		p.Whole = int(w)
		p.Seats = int(w)
		rem[i] = r
		whole += int(w)
		q := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(p.Votes), new(big.Int).SetUint64(qd)), new(big.Int).SetUint64(qn))
		p.QuotaShare = q
		p.Remainder = new(big.Rat).Sub(q, new(big.Rat).SetInt64(int64(w)))
		cand = append(cand, i)
	}
	byRem := func(a, b int) int {
		if x := rem[a].cmp(rem[b]); x != 0 {
			return x
		}
		return 0
	}
	remString := func(i int) string { return c.parties[i].Remainder.RatString() }
	if whole <= seats {
		left := seats - whole
		if left > len(cand) {
			c.err = fmt.Errorf("%s: %d seats left after whole quotas but only %d parties to take one each; the quota is too large", l.Name(), left, len(cand))
			return
		}
		// Largest remainders first; equal remainders in order of ID.
		slices.SortFunc(cand, func(a, b int) int {
			if x := byRem(b, a); x != 0 {
				return x
			}
			return c.cmpID(a, b)
		})
		seat := offset + whole
		for i := 0; i < len(cand) && left > 0; {
			j := i + 1
			for j < len(cand) && byRem(cand[i], cand[j]) == 0 {
				j++
			}
			class := cand[i:j]
			if len(class) <= left {
				ti := NoTie
				if len(class) > 1 {
					ti = SeatedTie
					c.res.SeatedTies++
				}
				for _, p := range class {
					seat++
					c.parties[p].Seats++
					c.parties[p].Extra = 1
					c.res.Awards = append(c.res.Awards, Award{Seat: int32(seat), Party: int32(p), Prior: int32(c.parties[p].Whole), Tie: int32(ti)})
				}
				left -= len(class)
				i = j
				continue
			}
			t := Tie{FirstSeat: seat + 1, Seats: left, Parties: slices.Clone(class), Value: remString(class[0])}
			c.resolve(&t, nil)
			ti := c.addTie(t)
			for _, p := range t.Winners {
				seat++
				c.parties[p].Seats++
				c.parties[p].Extra = 1
				c.res.Awards = append(c.res.Awards, Award{Seat: int32(seat), Party: int32(p), Prior: int32(c.parties[p].Whole), Tie: int32(ti)})
			}
			c.res.Pending = t.Pending
			for _, p := range class {
				if !slices.Contains(t.Winners, p) {
					c.res.Next = append(c.res.Next, Award{Party: int32(p), Prior: int32(c.parties[p].Whole), Tie: NoTie})
				}
			}
			left = 0
			i = j
		}
		if len(c.res.Next) == 0 {
			// The best remainder that won no seat.
			for k, p := range cand {
				if c.parties[p].Extra == 0 {
					for _, q := range cand[k:] {
						if c.parties[q].Extra == 0 && byRem(p, q) == 0 {
							c.res.Next = append(c.res.Next, Award{Party: int32(q), Prior: int32(c.parties[q].Whole), Tie: NoTie})
						}
					}
					break
				}
			}
		}
		return
	}
	// Whole quotas exceed the seats: take the surplus back from the smallest
	// remainders, one seat each.
	excess := whole - seats
	var holders []int
	for _, i := range cand {
		if c.parties[i].Whole > 0 {
			holders = append(holders, i)
		}
	}
	if excess > len(holders) {
		c.err = fmt.Errorf("%s: whole quotas give %d seats, %d more than the %d parties holding seats can give back; the quota is too small", l.Name(), whole, excess, len(holders))
		return
	}
	slices.SortFunc(holders, func(a, b int) int {
		if x := byRem(a, b); x != 0 {
			return x
		}
		return c.cmpID(a, b)
	})
	seat := offset + whole + 1
	for i := 0; i < len(holders) && excess > 0; {
		j := i + 1
		for j < len(holders) && byRem(holders[i], holders[j]) == 0 {
			j++
		}
		class := holders[i:j]
		var losers []int
		ti := NoTie
		if len(class) <= excess {
			// Every party of the class gives a seat back: nothing to decide.
			losers = class
		} else {
			// The tied parties compete to keep len(class)-excess seats; a
			// pending tie leaves those seats with nobody.
			t := Tie{FirstSeat: seat - 1, Seats: len(class) - excess, Parties: slices.Clone(class), Value: remString(class[0])}
			c.resolve(&t, nil)
			ti = c.addTie(t)
			for _, p := range class {
				if !slices.Contains(t.Winners, p) {
					losers = append(losers, p)
				}
			}
			c.res.Pending = t.Pending
		}
		for _, p := range losers {
			seat--
			c.parties[p].Seats--
			c.parties[p].Extra = -1
			c.res.Removed = append(c.res.Removed, Award{Seat: int32(seat), Party: int32(p), Prior: int32(c.parties[p].Whole), Tie: int32(ti)})
		}
		excess = max(0, excess-len(class))
		i = j
	}
}
