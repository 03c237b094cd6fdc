package plurality

import (
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/internal/lot"
)

// TieBreak is the policy for a tie for the last seat of a contest. The zero
// value leaves every such tie undecided (pending a lot).
type TieBreak struct {
	// Drawn records lots already drawn by a returning officer: contest ID to
	// the names of the candidates the lot elected. (CountElection also
	// accepts a contest's name where no other contest has it.)
	Drawn map[string][]string
	// Lot, when true, decides ties not in Drawn by a seeded lot: the tied
	// candidates are put in order of name then party, shuffled by
	// Fisher–Yates with a PCG generator (math/rand/v2, PCG-DXSM) seeded
	// with (Seed, FNV-1a-64 of the contest ID), and the first ones elected
	// (internal/lot.Permutation).
	// The same seed gives the same draw, whatever the order of the input.
	Lot  bool
	Seed uint64
}

// How a tie was resolved.
const (
	Pending     = "pending"      // not decided: the law requires a lot
	Lot         = "lot"          // decided by psephos's seeded lot
	RecordedLot = "recorded lot" // decided by a lot recorded in TieBreak.Drawn
)

// A Tie is a set of candidates with equal votes competing for the last
// seat(s) of a contest.
type Tie struct {
	Candidates []int  // indices into Contest.Candidates, in the order of the input
	Votes      int64  // votes each of them has
	Seats      int    // seats among them still to fill
	Resolution string // Pending, Lot or RecordedLot
	Seed       uint64 // the seed, when Resolution is Lot
	Winners    []int  // the candidates the lot elected; empty when Pending
}

// A Placing is one named candidate's place in a contest.
type Placing struct {
	Candidate int   // index into Contest.Candidates
	Votes     int64 // the candidate's votes
	Position  int   // 1 + the number of candidates with more votes (equal votes share a position)
	Elected   bool
	// Uncertain is true when a candidate inside an aggregate line may have
	// had more votes, so the true position may be lower.
	Uncertain bool
}

// A Result is the count of one contest.
type Result struct {
	Contest *election.Contest
	// Valid is the number of valid votes in the contest (votes).
	Valid int64
	// Placings of the named (non-aggregate) candidates, most votes first;
	// candidates with equal votes keep the input's order.
	Placings []Placing
	// Elected candidates (indices into Contest.Candidates), in order of
	// placing; fewer than Contest.Seats while a tie is Pending.
	Elected []int
	// Tie is the tie for the last seat, or nil.
	Tie *Tie
	// Majority is the last elected candidate's votes minus the votes of the
	// best candidate not elected (votes); 0 when there was a tie; the
	// winner's own votes when every candidate was elected (Unopposed).
	Majority int64
	// Unopposed is true when there were no more candidates than seats.
	Unopposed bool
	// RunnerUp are the best candidates not elected (more than one when they
	// tie), excluding candidates in a pending tie for a seat; empty when
	// every candidate was elected.
	RunnerUp []int
	// Uncertain is true when an aggregate line (several candidates reported
	// together) may hide a candidate with more votes than the best named
	// candidate not elected, so the true runner-up, and so the majority, may
	// be hidden in it.
	Uncertain bool
}

// Decided reports whether every seat of the contest is filled.
func (r *Result) Decided() bool { return len(r.Elected) == r.Contest.Seats }

// Winner returns the elected candidate of a single-seat contest, or nil while a
// tie is pending.
func (r *Result) Winner() *election.Candidate {
	if len(r.Elected) == 0 {
		return nil
	}
	return &r.Contest.Candidates[r.Elected[0]]
}

// MajorityPercent is Majority as a percentage of the valid votes (0 when
// there are none).
func (r *Result) MajorityPercent() float64 {
	if r.Valid == 0 {
		return 0
	}
	return 100 * float64(r.Majority) / float64(r.Valid)
}

// AbsoluteMajority reports whether winner i (an index into
// Contest.Candidates) had more than half of the valid votes.
func (r *Result) AbsoluteMajority(i int) bool {
	return 2*r.Contest.Candidates[i].Votes > r.Valid
}

// Position returns candidate i's placing position, or 0 for an aggregate.
func (r *Result) Position(i int) int {
	for _, p := range r.Placings {
		if p.Candidate == i {
			return p.Position
		}
	}
	return 0
}

// Count counts one contest under plurality rule: the Contest.Seats named
// candidates with the most votes are elected. A tie for the last seat is
// resolved by tb, or left Pending. It returns an error when the contest is
// malformed (see election.Contest), when an aggregate line has more votes than
// the last candidate elected (the winners cannot be known), or when a
// recorded lot does not name tied candidates.
func Count(c *election.Contest, tb TieBreak) (Result, error) {
	r := Result{Contest: c, Valid: c.ValidVotes()}
	// aggregate is the most votes a candidate hidden in an aggregate line
	// can have had.
	var aggregate int64 = -1
	r.Placings = make([]Placing, 0, len(c.Candidates))
	for i := range c.Candidates {
		k := &c.Candidates[i]
		if k.Aggregate {
			aggregate = max(aggregate, k.MostForOne())
			continue
		}
		r.Placings = append(r.Placings, Placing{Candidate: i, Votes: k.Votes})
	}
	if len(r.Placings) == 0 || c.Seats < 1 {
		return r, election.Errorf(c.Pos, "contest %q: expected at least one candidate and one seat", c.Name)
	}
	sort.SliceStable(r.Placings, func(a, b int) bool { return r.Placings[a].Votes > r.Placings[b].Votes })
	for i := range r.Placings {
		if i > 0 && r.Placings[i].Votes == r.Placings[i-1].Votes {
			r.Placings[i].Position = r.Placings[i-1].Position
		} else {
			r.Placings[i].Position = i + 1
		}
		r.Placings[i].Uncertain = aggregate > r.Placings[i].Votes
	}
	seats := c.Seats
	if len(r.Placings) <= seats {
		r.Unopposed = true
		for i := range r.Placings {
			r.Placings[i].Elected = true
			r.Elected = append(r.Elected, r.Placings[i].Candidate)
		}
		r.Majority = r.Placings[len(r.Placings)-1].Votes
		if aggregate > r.Majority {
			return r, election.Errorf(c.Pos, "contest %q: aggregated candidates have %d votes, more than a winner's %d: the winners are not known", c.Name, aggregate, r.Majority)
		}
		return r, nil
	}
	last := r.Placings[seats-1].Votes
	if aggregate > last {
		return r, election.Errorf(c.Pos, "contest %q: aggregated candidates have %d votes, more than the last winner's %d: the winners are not known", c.Name, aggregate, last)
	}
	// Candidates above the tied group are elected outright.
	above, end := 0, 0
	for above < len(r.Placings) && r.Placings[above].Votes > last {
		above++
	}
	for end = above; end < len(r.Placings) && r.Placings[end].Votes == last; end++ {
	}
	for i := 0; i < above; i++ {
		r.Placings[i].Elected = true
	}
	if end-above == seats-above {
		// No tie: the group fits the seats left.
		for i := above; i < end; i++ {
			r.Placings[i].Elected = true
		}
		r.Majority = last - r.Placings[end].Votes
	} else {
		t := &Tie{Votes: last, Seats: seats - above, Resolution: Pending}
		for i := above; i < end; i++ {
			t.Candidates = append(t.Candidates, r.Placings[i].Candidate)
		}
		sort.Ints(t.Candidates)
		if err := resolve(c, t, tb); err != nil {
			return r, err
		}
		for i := above; i < end; i++ {
			for _, w := range t.Winners {
				if r.Placings[i].Candidate == w {
					r.Placings[i].Elected = true
				}
			}
		}
		r.Tie = t
		r.Majority = 0
	}
	for _, p := range r.Placings {
		if p.Elected {
			r.Elected = append(r.Elected, p.Candidate)
		}
	}
	// The runner-up: the best placings neither elected nor in a pending tie.
	pending := map[int]bool{}
	if r.Tie != nil && r.Tie.Resolution == Pending {
		for _, k := range r.Tie.Candidates {
			pending[k] = true
		}
	}
	for _, p := range r.Placings {
		if p.Elected || pending[p.Candidate] {
			continue
		}
		if len(r.RunnerUp) > 0 && p.Votes < c.Candidates[r.RunnerUp[0]].Votes {
			break
		}
		r.RunnerUp = append(r.RunnerUp, p.Candidate)
		r.Uncertain = aggregate > p.Votes
	}
	return r, nil
}

func resolve(c *election.Contest, t *Tie, tb TieBreak) error {
	drawn, ok := tb.Drawn[c.ID]
	switch {
	case ok:
		if len(drawn) != t.Seats {
			return election.Errorf(c.Pos, "contest %q: the recorded lot names %d candidate(s); expected %d (seats left among the tied)", c.Name, len(drawn), t.Seats)
		}
		for _, name := range drawn {
			found := -1
			for _, i := range t.Candidates {
				if c.Candidates[i].Name == name {
					if found >= 0 {
						return election.Errorf(c.Pos, "contest %q: the recorded lot names %q, but two tied candidates have that name", c.Name, name)
					}
					found = i
				}
			}
			if found < 0 {
				return election.Errorf(c.Pos, "contest %q: the recorded lot names %q, who is not among the tied candidates %s", c.Name, name, names(c, t.Candidates))
			}
			t.Winners = append(t.Winners, found)
		}
		t.Resolution = RecordedLot
	case tb.Lot:
		order := append([]int(nil), t.Candidates...)
		sort.SliceStable(order, func(a, b int) bool {
			x, y := &c.Candidates[order[a]], &c.Candidates[order[b]]
			if x.Name != y.Name {
				return x.Name < y.Name
			}
			return x.Party < y.Party
		})
		perm := lot.Permutation(tb.Seed, c.ID, len(order))
		drawn := make([]int, len(order))
		for k, i := range perm {
			drawn[k] = order[i]
		}
		order = drawn
		t.Winners = order[:t.Seats]
		t.Resolution = Lot
		t.Seed = tb.Seed
	}
	return nil
}

func names(c *election.Contest, idx []int) string {
	s := make([]string, len(idx))
	for i, k := range idx {
		s[i] = fmt.Sprintf("%q", c.Candidates[k].Label())
	}
	return strings.Join(s, ", ")
}

// CountElection counts every contest of e in order. The first error stops
// the count. Every recorded lot in tb.Drawn must name a contest of e (by ID,
// or by a name no other contest has) whose last seat is tied: a lot that
// decides nothing is an error, not ignored.
func CountElection(e *election.Election, tb TieBreak) ([]Result, error) {
	drawn := map[string][]string{}
	used := map[string]string{} // contest ID -> key
	for key, names := range tb.Drawn {
		id := ""
		for i := range e.Contests {
			if e.Contests[i].ID == key {
				id = key
			}
		}
		if id == "" {
			for i := range e.Contests {
				if e.Contests[i].Name == key {
					if id != "" {
						return nil, fmt.Errorf("recorded lot for %q: two contests have that name; give the contest's ID", key)
					}
					id = e.Contests[i].ID
				}
			}
		}
		if id == "" {
			return nil, fmt.Errorf("recorded lot for %q: no contest of this election has that ID or name", key)
		}
		if other, dup := used[id]; dup {
			return nil, fmt.Errorf("recorded lots for %q and %q name the same contest", other, key)
		}
		used[id] = key
		drawn[id] = names
	}
	tb.Drawn = drawn
	out := make([]Result, len(e.Contests))
	for i := range e.Contests {
		r, err := Count(&e.Contests[i], tb)
		if err != nil {
			return nil, err
		}
		if key, ok := used[r.Contest.ID]; ok && (r.Tie == nil || r.Tie.Resolution != RecordedLot) {
			return nil, election.Errorf(r.Contest.Pos, "recorded lot for %q: contest %q has no tie for its last seat, so no lot decides it", key, r.Contest.Name)
		}
		out[i] = r
	}
	return out, nil
}
