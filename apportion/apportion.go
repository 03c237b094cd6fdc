package apportion

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// A Method is a divisor (highest-averages) method or a largest-remainder
// method: a Divisor or a LargestRemainder.
type Method interface {
	// Name is the method's name as the command line accepts it.
	Name() string
	// Title is the method's name for people.
	Title() string
	apportion(c *count)
}

// A Party is one list in an apportionment.
type Party struct {
	// ID names the party; IDs are unique within an apportionment.
	ID string
	// Votes is the party's valid votes (votes ≥ 0).
	Votes int64
	// ConstituencySeats is the number of constituency seats it won, for a
	// threshold's Wins route. It does not enter the divisors (see Start).
	ConstituencySeats int
	// Coalition marks a coalition list (see Threshold.CoalitionShare).
	Coalition bool
	// Start is the number of seats the party already holds, counted in its
	// divisors but not awarded here: the additional member system divides a
	// party's regional list votes by its constituency seats + 1 (Scotland
	// Act 1998 s 7; Government of Wales Act 2006 s 9). Divisor methods only.
	Start int
	// Max is the most seats the party can take here (the length of its
	// list; 1 for an individual candidate on a regional list); 0 means no
	// limit. Under a divisor method a party that reaches it drops out and
	// the next quotients take the seats; under largest remainder it keeps
	// Max seats and is excluded, the other seats apportioned again among
	// the rest (see LargestRemainder).
	Max int
}

// MaxSeats is the most seats one apportionment takes (ten million): far
// above any assembly, and bounded because the order of award keeps every
// seat (16 bytes each under a divisor method). A larger house is an error,
// not an attempt to allocate memory for it.
const MaxSeats = 10_000_000

// A Rule is a complete apportionment rule: the method, the legal threshold
// and how ties are decided.
type Rule struct {
	Method    Method
	Threshold Threshold
	Ties      TieRule
}

// Validate checks the rule: a method is set, the threshold is valid, and a
// largest-remainder method is not asked to add one vote to quotients it
// does not have.
func (r Rule) Validate() error {
	if r.Method == nil {
		return fmt.Errorf("no apportionment method given")
	}
	if err := r.Threshold.Validate(); err != nil {
		return err
	}
	if _, lr := r.Method.(LargestRemainder); lr {
		for _, s := range r.Ties.Steps {
			if s == AddOneVote {
				return fmt.Errorf("tie-break add-one-vote applies to divisor methods, not %s", r.Method.Name())
			}
		}
	}
	for _, s := range r.Ties.Steps {
		if s == ByOrder && len(r.Ties.Order) == 0 {
			return fmt.Errorf("tie-break by order: expected the order of parties")
		}
	}
	return nil
}

// An Award is one seat in order of award (or, for a largest-remainder
// method, one remainder seat, or one seat taken back).
type Award struct {
	// Seat is the seat's number in order of award (1 = first); 0 in
	// Result.Next.
	Seat int32
	// Party is an index into Result.Parties.
	Party int32
	// Prior is the seats the party held before this one, counting Start:
	// the index of the divisor used (divisor methods) or the party's whole
	// quotas (largest remainder).
	Prior int32
	// Tie is an index into Result.Ties, or NoTie, or SeatedTie.
	Tie int32
}

// Values of Award.Tie that are not indices into Result.Ties.
const (
	// NoTie: the quotient (or remainder) was above every other.
	NoTie = -1
	// SeatedTie: other parties had an equal quotient (or remainder) and
	// every one of them was seated, so nothing had to be decided. Such
	// ties are counted in Result.SeatedTies, not kept in Result.Ties: an
	// input like 100:50 votes meets one at every second seat.
	SeatedTie = -2
)

// A PartyResult is one party's part in an apportionment.
type PartyResult struct {
	Party
	// Qualified is true when the party passed the threshold.
	Qualified bool
	// Qualification says why it did or did not, in words.
	Qualification string
	// Seats are the seats it won here (Start not included). While a tie is
	// pending, only the seats already certain.
	Seats int
	// Largest remainder only: the party's votes divided by the quota
	// (exact), its whole part, the fractional remainder, and whether it won
	// a remainder seat (+1) or gave a seat back (-1).
	QuotaShare *big.Rat
	Whole      int
	Remainder  *big.Rat
	Extra      int
	// Limited is true when, under largest remainder, the party would have
	// taken more than its Max seats: it has Max seats and was excluded
	// before the last round (its quota share and remainder are then nil).
	Limited bool

	eligible bool
}

// A Result is one apportionment: every party's seats, the order in which
// they were awarded, and the ties met on the way.
type Result struct {
	Method Method
	// Seats is the number of seats apportioned (the house or district
	// size).
	Seats int
	// Parties in the order given.
	Parties []PartyResult
	// Votes is every party's votes (the threshold's base); QualifiedVotes
	// those of the qualified parties (the apportionment's base).
	Votes, QualifiedVotes int64
	// Awards are the seats in order of award: for a divisor method every
	// seat with its quotient; for a largest-remainder method the remainder
	// seats in order of remainder (the whole-quota seats are in
	// PartyResult.Whole).
	Awards []Award
	// Removed are the seats taken back when whole quotas exceeded the
	// seats (largest remainder with a quota below V/S), in order.
	Removed []Award
	// Next are the highest quotients (or remainders) that won no seat:
	// the margin of the last seat.
	Next []Award
	// Quota is the largest-remainder quota in votes (nil for divisor
	// methods).
	Quota *big.Rat
	// Ties are the ties that decided something: equal quotients (or
	// remainders) competing for fewer seats than there were of them, in
	// order of seat.
	Ties []Tie
	// SeatedTies is the number of groups of equal quotients (or
	// remainders) that were all seated (their awards are marked SeatedTie).
	SeatedTies int
	// Pending is the number of seats left undecided by a tie (the law's lot
	// is still to be drawn); Vacant the seats no qualifying party could take
	// (every list exhausted by Max).
	Pending, Vacant int
}

// Total is the number of seats awarded.
func (r *Result) Total() int {
	n := 0
	for i := range r.Parties {
		n += r.Parties[i].Seats
	}
	return n
}

// SeatsOf returns the seats won by the party with the given ID (0 when it
// is not in the result).
func (r *Result) SeatsOf(id string) int {
	for i := range r.Parties {
		if r.Parties[i].ID == id {
			return r.Parties[i].Seats
		}
	}
	return 0
}

// Value returns the quotient (divisor methods) or remainder (largest
// remainder) of an award, exact and as a float for display.
func (r *Result) Value(a Award) (exact string, approx float64) {
	p := &r.Parties[a.Party]
	switch m := r.Method.(type) {
	case Divisor:
		return m.Quotient(p.Votes, int(a.Prior))
	default:
		if p.Remainder == nil {
			return "0", 0
		}
		f, _ := p.Remainder.Float64()
		return p.Remainder.RatString(), f
	}
}

// Divisor returns the divisor of an award as written for people ("" for
// largest-remainder methods).
func (r *Result) Divisor(a Award) string {
	if m, ok := r.Method.(Divisor); ok {
		return m.DivisorString(int(a.Prior))
	}
	return ""
}

// count is the state of one apportionment.
type count struct {
	rule    Rule
	parties []PartyResult
	seats   int
	stream  string // names the apportionment in lot streams (e.g. the district)
	res     *Result
	err     error
}

func (c *count) cmpID(a, b int) int { return strings.Compare(c.parties[a].ID, c.parties[b].ID) }

func (c *count) addTie(t Tie) int {
	c.res.Ties = append(c.res.Ties, t)
	return len(c.res.Ties) - 1
}

// Apportion distributes seats among parties under the rule. The threshold
// is applied to these parties' votes. Errors: an invalid rule; seats < 1
// or above MaxSeats; no parties; a party with an empty or repeated ID,
// negative votes, seats or limits; Start with a largest-remainder method;
// no qualifying party with votes.
//
// The result does not depend on the order of parties: ties are taken in
// order of ID and decided only by the rule's TieRule.
func (r Rule) Apportion(parties []Party, seats int) (*Result, error) {
	return r.apportion(parties, seats, "", nil)
}

// ApportionNamed is Apportion for one of several apportionments that share
// a tie rule: name labels it in the seeded lot's stream (for example the
// party whose seats are distributed among regions), so that two ties in
// different apportionments are drawn independently.
func (r Rule) ApportionNamed(parties []Party, seats int, name string) (*Result, error) {
	return r.apportion(parties, seats, name, nil)
}

// apportion runs the rule; qualified, when given, replaces the threshold
// (the district apportionments of a national threshold).
func (r Rule) apportion(parties []Party, seats int, stream string, qualified []PartyResult) (*Result, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if seats < 1 {
		return nil, fmt.Errorf("expected at least 1 seat to apportion, found %d", seats)
	}
	if seats > MaxSeats {
		return nil, fmt.Errorf("%d seats to apportion; expected at most %d", seats, MaxSeats)
	}
	if len(parties) == 0 {
		return nil, fmt.Errorf("no parties: expected at least one party's votes")
	}
	_, lr := r.Method.(LargestRemainder)
	c := &count{rule: r, seats: seats, stream: stream, parties: make([]PartyResult, len(parties))}
	c.res = &Result{Method: r.Method, Seats: seats}
	seen := make(map[string]bool, len(parties))
	for i, p := range parties {
		switch {
		case p.ID == "":
			return nil, fmt.Errorf("party %d has an empty ID", i+1)
		case seen[p.ID]:
			return nil, fmt.Errorf("party %q is listed twice; expected each party once", p.ID)
		case p.Votes < 0:
			return nil, fmt.Errorf("party %q has %d votes; expected a count ≥ 0", p.ID, p.Votes)
		case p.Start < 0 || p.Max < 0 || p.ConstituencySeats < 0:
			return nil, fmt.Errorf("party %q: expected seats and limits ≥ 0", p.ID)
		case lr && p.Start > 0:
			return nil, fmt.Errorf("party %q: seats already held (in the divisors) need a divisor method, not %s", p.ID, r.Method.Name())
		}
		seen[p.ID] = true
		c.parties[i].Party = p
		if c.res.Votes > math.MaxInt64-p.Votes {
			return nil, fmt.Errorf("the parties' votes sum to more than %d; expected a total that fits in 63 bits", int64(math.MaxInt64))
		}
		c.res.Votes += p.Votes
	}
	words := r.Threshold.words()
	for i := range c.parties {
		p := &c.parties[i]
		if qualified != nil {
			p.Qualified, p.Qualification = qualified[i].Qualified, qualified[i].Qualification
		} else {
			p.Qualified, p.Qualification = r.Threshold.qualify(&p.Party, c.res.Votes, words)
		}
		p.eligible = p.Qualified && p.Votes > 0
		if p.eligible {
			c.res.QualifiedVotes += p.Votes
		}
	}
	if c.res.QualifiedVotes == 0 {
		return nil, fmt.Errorf("no qualifying party has votes: nothing to apportion %d seat(s) among", seats)
	}
	r.Method.apportion(c)
	if c.err != nil {
		return nil, c.err
	}
	c.res.Parties = c.parties
	return c.res, nil
}
