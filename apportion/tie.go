package apportion

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/psephos/psephos/internal/lot"
)

// A TieStep is one way of deciding between parties with exactly equal
// quotients (or remainders) competing for fewer seats than there are of
// them.
type TieStep uint8

// The tie-break steps.
const (
	// MostVotes gives the seat to the party with more votes, as many laws
	// do before a lot (e.g. Spain, LOREG art. 163.1(c); Slovakia, Act
	// 180/2014 §§ 63–68 for equal remainders).
	MostVotes TieStep = iota + 1
	// AddOneVote recomputes the tied quotients with one vote added to each
	// tied party, as in the Electoral Commission's guidance for Senedd and
	// Scottish Parliament regional seats ("Equality of votes"). Divisor
	// methods only.
	AddOneVote
	// ByOrder follows TieRule.Order, a named priority of party IDs: for
	// example the outcome of a lot drawn by the returning officer. Parties
	// not named stay tied.
	ByOrder
	// ByLot draws psephos's seeded lot (internal/lot): the tied parties in
	// order of ID, shuffled with TieRule.Seed and a stream named after the
	// district and seat. Not an official result; reports say so.
	ByLot
)

// String is the step's name as the command line accepts it.
func (s TieStep) String() string {
	switch s {
	case MostVotes:
		return "most-votes"
	case AddOneVote:
		return "add-one-vote"
	case ByOrder:
		return "order"
	case ByLot:
		return "lot"
	}
	return "invalid"
}

func (s TieStep) words() string {
	switch s {
	case MostVotes:
		return "most votes"
	case AddOneVote:
		return "one vote added"
	case ByOrder:
		return "named order"
	case ByLot:
		return "psephos's seeded lot"
	}
	return "invalid"
}

// ParseTieStep reads a step name: most-votes, add-one-vote, order or lot.
func ParseTieStep(s string) (TieStep, error) {
	for _, t := range []TieStep{MostVotes, AddOneVote, ByOrder, ByLot} {
		if strings.EqualFold(strings.TrimSpace(s), t.String()) {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown tie-break step %q; expected most-votes, add-one-vote, order or lot", s)
}

// A TieRule says how ties for seats are decided: its steps are tried in
// order, each narrowing the tied group, until the seats at stake are
// decided. A tie the steps do not decide is left pending: the seats are not
// awarded and the result says which parties are tied for how many seats, as
// the law's lot has yet to be drawn. The zero TieRule leaves every tie
// pending.
//
// A tie in which every tied party can be seated (the group is no larger than
// the seats left) decides nothing: it is counted in Result.SeatedTies and
// its awards are marked SeatedTie, not recorded as a Tie.
type TieRule struct {
	Steps []TieStep
	// Order is the priority for ByOrder, highest first (party IDs).
	Order []string
	// Seed is the seed of ByLot.
	Seed uint64
}

// String describes the rule, e.g. "add-one-vote, then lot (seed 1)".
func (r TieRule) String() string {
	if len(r.Steps) == 0 {
		return "pending (a tie is reported, not broken)"
	}
	parts := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		parts[i] = s.String()
		switch s {
		case ByLot:
			parts[i] += " (seed " + strconv.FormatUint(r.Seed, 10) + ")"
		case ByOrder:
			parts[i] += " (" + strings.Join(r.Order, " > ") + ")"
		}
	}
	return strings.Join(parts, ", then ")
}

// Tie resolutions.
const (
	AllSeated = "all seated" // enough seats for every tied party: no decision needed (see SeatedTie)
	Pending   = "pending"    // not decided: the law's lot is still to be drawn
)

// A Tie is a set of parties with exactly equal quotients (divisor methods)
// or remainders (largest remainder) at the point where seats were awarded.
type Tie struct {
	// FirstSeat is the number of the first seat at stake, in order of award.
	FirstSeat int
	// Seats is the number of seats at stake among the tied parties. For a
	// largest-remainder method whose whole seats exceed the house, it is the
	// number of seats the tied parties keep.
	Seats int
	// Parties are the tied parties (indices into Result.Parties), in order
	// of ID.
	Parties []int
	// Value is the equal quotient or remainder, exact (e.g. "200", "601/3").
	Value string
	// Resolution is AllSeated, Pending, or the steps that decided the tie,
	// e.g. "one vote added" or "most votes, then psephos's seeded lot".
	Resolution string
	// Winners are the parties that took the seats (or kept them), in order
	// of ID; fewer than Seats while a tie is pending.
	Winners []int
	// Pending is the number of seats left undecided.
	Pending int
	// Seed is the lot's seed when a lot was drawn.
	Seed uint64
	// Lot is true when psephos's seeded lot decided part of the tie.
	Lot bool
}

// resolve decides t.Seats seats among t.Parties by the rule's steps.
// addOne compares two tied parties' quotients with one vote added (nil when
// the method has no quotients).
func (c *count) resolve(t *Tie, addOne func(a, b int) int) {
	c.rule.Ties.decide(t, func(i int) string { return c.parties[i].ID }, func(i int) int64 { return c.parties[i].Votes }, addOne, c.stream)
}

// Decide settles a tie outside an apportionment (for example between
// constituency winners with equal shares of the vote competing for a
// party's last seats): t.Parties are indices of the tied candidates, in a
// canonical order; t.Seats the seats among them. id names candidate i (for
// ByOrder and the order of Winners), votes gives its votes (for
// MostVotes). AddOneVote is skipped. stream names the tie for ByLot. The
// decision is written into t (Winners, Pending, Resolution, Seed, Lot).
func (r TieRule) Decide(t *Tie, id func(int) string, votes func(int) int64, stream string) {
	r.decide(t, id, votes, nil, stream)
}

func (r TieRule) decide(t *Tie, id func(int) string, votes func(int) int64, addOne func(a, b int) int, stream string) {
	u := slices.Clone(t.Parties)
	need := t.Seats
	var used []string
	for _, step := range r.Steps {
		if need == 0 {
			break
		}
		if step == ByLot {
			used = append(used, step.words())
			perm := lot.Permutation(r.Seed, stream+"#"+strconv.Itoa(t.FirstSeat), len(u))
			for k := 0; k < need; k++ {
				t.Winners = append(t.Winners, u[perm[k]])
			}
			need = 0
			t.Seed, t.Lot = r.Seed, true
			break
		}
		var better func(a, b int) int // > 0 when a is ahead of b
		switch step {
		case MostVotes:
			better = func(a, b int) int { return cmp.Compare(votes(a), votes(b)) }
		case AddOneVote:
			better = addOne
		case ByOrder:
			rank := func(i int) int {
				if k := slices.Index(r.Order, id(i)); k >= 0 {
					return len(r.Order) - k
				}
				return 0
			}
			better = func(a, b int) int { return cmp.Compare(int64(rank(a)), int64(rank(b))) }
		}
		if better == nil {
			continue
		}
		used = append(used, step.words())
		sorted := slices.Clone(u)
		slices.SortStableFunc(sorted, func(a, b int) int { return -better(a, b) })
		for i := 0; i < len(sorted) && need > 0; {
			j := i + 1
			for j < len(sorted) && better(sorted[i], sorted[j]) == 0 {
				j++
			}
			class := sorted[i:j]
			if len(class) <= need {
				t.Winners = append(t.Winners, class...)
				need -= len(class)
				i = j
				continue
			}
			u = slices.Clone(class)
			break
		}
	}
	slices.SortFunc(t.Winners, func(a, b int) int { return strings.Compare(id(a), id(b)) })
	t.Pending = need
	switch {
	case need > 0 && len(used) > 0:
		t.Resolution = Pending + " (not decided by " + strings.Join(used, ", then ") + ")"
	case need > 0:
		t.Resolution = Pending
	default:
		t.Resolution = strings.Join(used, ", then ")
	}
}
