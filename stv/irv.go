package stv

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/ballot"
)

// A Result is a count's outcome and its round-by-round transcript.
type Result struct {
	Rules      Rules
	Title      string
	Candidates []string
	// Withdrawn candidates (indices) took no part.
	Withdrawn []int
	// Ballots in the profile, blank ones included.
	Ballots int64
	// Defects are the ballots with each kind of defect, blank ones among
	// them (ballot.Defects).
	Defects ballot.Defects
	// Elected candidates (indices), in order of election.
	Elected []int
	// Seats holds one count per seat: for a single seat, one
	// (instant-runoff only).
	Seats []Seat
	// Stages are the stages of a multi-seat count (Gregory, Meek, Warren,
	// bottoms-up); nil for instant-runoff.
	Stages []Stage
	// Quota at the first stage of a multi-seat count.
	Quota Value
	// SeatsFilled is the number of seats a multi-seat count filled for.
	SeatsFilled int
}

// A Seat is the count that filled one seat.
type Seat struct {
	// Note says what the stage is, where a rule has several kinds.
	Note string
	// Excluded before the count began: the winners of earlier seats.
	Excluded []int
	Rounds   []Round
	Winner   int
}

// A Round is one round of an instant-runoff count: the votes as they stood,
// the threshold, the decision, and the transfers that made the next round.
// Units: ballots (each ballot is one vote).
type Round struct {
	Number int
	// Votes of each candidate (indexed like Result.Candidates); 0 for
	// candidates no longer continuing.
	Votes []int64
	// Continuing candidates (indices), ascending.
	Continuing []int
	// ContinuingBallots is the sum of the continuing candidates' votes.
	ContinuingBallots int64
	// Exhausted ballots so far, by reason (ballot.Reason).
	Exhausted [ballot.NumReasons]int64
	// Inactive ballots this round: counting for no one now, but able to
	// later (ballot.OvervoteCountIfSingleContinuing).
	Inactive int64
	// Threshold is the votes needed to win outright: more than half of
	// the majority base (floor(base/2)+1). With ContinueUntilTwo it is
	// shown but not used until two remain.
	Threshold int64
	// Elected is the winner decided at this round, or -1.
	Elected int
	// Excluded after this round (indices), in order of votes.
	Excluded []int
	// Transfers from each excluded candidate (and from inactive ballots
	// that became active), making the next round.
	Transfers []Transfer
	// Tie is the tie decided at this round, or nil.
	Tie *Tie
}

// A Transfer is where one excluded candidate's ballots went.
type Transfer struct {
	// From is the excluded candidate, or -1 for inactive ballots that
	// count again.
	From int
	// Ballots moved (= the candidate's votes).
	Ballots int64
	// To: ballots gained by each candidate (indexed like Candidates).
	To []int64
	// Exhausted ballots by reason.
	Exhausted [ballot.NumReasons]int64
	// Inactive: ballots that count for no one this round.
	Inactive int64
}

// A Tie is a tie between candidates with equal votes, and how it was
// broken.
type Tie struct {
	// For is "exclusion" or "election".
	For string
	// Candidates tied (indices), ascending.
	Candidates []int
	// AfterCountback: those still tied after comparing other rounds;
	// equal to Candidates when the countback is none or decided nothing.
	AfterCountback []int
	// Method that decided: "countback", "lot" or "order".
	Method string
	// Seed and stream name of the lot, and the index drawn among the
	// candidates left after the countback, put in order of name (then of
	// position on the ballot paper).
	Seed   uint64
	Stream string
	Draw   int
	// Loser is the candidate excluded (or not elected); -1 when the tie
	// decided an order (which surplus first, the order of election).
	Loser int
	// Chosen is the candidate the tie was decided for: the one excluded,
	// or the one taken first (multi-seat counts).
	Chosen int
}

// TieError is returned when a tie must be broken and the rules' fallback
// is FallbackNone, or the order does not list a tied candidate.
type TieError struct {
	Round      int
	Candidates []string
	Msg        string
}

func (e *TieError) Error() string {
	return fmt.Sprintf("round %d: tie between %s: %s", e.Round, strings.Join(e.Candidates, ", "), e.Msg)
}

// Count applies r.Ballot to the profile and counts it under r.
func Count(p *ballot.Profile, r Rules) (*Result, error) {
	return CountPrepared(r.Ballot.Prepare(p), r)
}

// CountPrepared counts a prepared profile under r (r.Ballot is not used
// again: pp already applies the validity rules).
func CountPrepared(pp *ballot.Prepared, r Rules) (*Result, error) {
	if r.Method != InstantRunoff {
		return countMulti(pp, r)
	}
	p := pp.Profile
	seats := r.Seats
	if seats == 0 {
		seats = 1
	}
	if seats > 1 && r.Filling == SingleSeat {
		return nil, fmt.Errorf("%d seats: instant-runoff fills one seat; choose a Filling (sequential) to fill several (multi-seat STV is counted by another rule)", seats)
	}
	n := len(p.Candidates)
	withdrawn := make([]bool, n)
	for _, c := range p.Withdrawn {
		withdrawn[c] = true
	}
	avail := n - len(p.Withdrawn)
	if avail < seats {
		return nil, fmt.Errorf("%s but only %s take part", plural(seats, "seat"), plural(avail, "candidate"))
	}
	res := &Result{Rules: r, Title: p.Title, Candidates: p.Candidates, Withdrawn: p.Withdrawn,
		Ballots: p.Ballots(), Defects: pp.Defects}
	c := newCounter(pp, r)
	if r.Filling == AspenTwoVote {
		if seats != 2 {
			return nil, fmt.Errorf("the Aspen two-vote method fills 2 seats, not %d", seats)
		}
		if err := c.aspen(res, withdrawn); err != nil {
			return nil, err
		}
		return res, nil
	}
	var elected []int
	for s := 0; s < seats; s++ {
		out := append([]bool(nil), withdrawn...)
		for _, w := range elected {
			out[w] = true
		}
		seat, err := c.run(out, elected)
		if err != nil {
			return nil, err
		}
		res.Seats = append(res.Seats, *seat)
		elected = append(elected, seat.Winner)
	}
	res.Elected = elected
	return res, nil
}

// counter is the counting core: ballots sit in piles, one per candidate;
// each prepared ranking is one entry with a weight, so the work per round
// is proportional to the ballots moved, not to all ballots.
type counter struct {
	pp   *ballot.Prepared
	r    Rules
	seat int // the seat being filled, from 1, for the lot's stream name
	n    int
	pos  []int32   // per prepared ranking: entry it counts at
	pile [][]int32 // per candidate: prepared rankings counting for it
	idle []int32   // inactive rankings (count-if-single-continuing)
	cont []bool
	vote []int64
	exh  [ballot.NumReasons]int64
	inac int64
}

func newCounter(pp *ballot.Prepared, r Rules) *counter {
	n := len(pp.Profile.Candidates)
	return &counter{pp: pp, r: r, n: n,
		pos: make([]int32, pp.Len()), pile: make([][]int32, n), cont: make([]bool, n), vote: make([]int64, n)}
}

// place puts ranking i where it stands from entry pos, recording the move
// in t (may be nil).
func (c *counter) place(i int, pos int32, t *Transfer) {
	st, cand, at, why := c.pp.Next(i, pos, c.cont)
	w := c.pp.Weight(i)
	switch st {
	case ballot.Counts:
		c.pos[i] = at
		c.pile[cand] = append(c.pile[cand], int32(i))
		c.vote[cand] += w
		if t != nil {
			t.To[cand] += w
		}
	case ballot.Exhausted:
		c.exh[why] += w
		if t != nil {
			t.Exhausted[why] += w
		}
	case ballot.Inactive:
		c.pos[i] = at
		c.idle = append(c.idle, int32(i))
		c.inac += w
		if t != nil {
			t.Inactive += w
		}
	}
}

// run counts one seat with the candidates in out excluded from the start.
func (c *counter) run(out []bool, before []int) (*Seat, error) {
	pp, r := c.pp, c.r
	c.seat = len(before) + 1
	for k := range c.pile {
		c.pile[k] = c.pile[k][:0]
		c.vote[k] = 0
		c.cont[k] = !out[k]
	}
	c.idle = c.idle[:0]
	c.exh = [ballot.NumReasons]int64{}
	c.inac = 0
	for i := 0; i < pp.Len(); i++ {
		c.place(i, 0, nil)
	}
	seat := &Seat{Excluded: before, Winner: -1}
	writeIns := r.ExcludeWriteInsFirst
	for round := 1; ; round++ {
		rd := Round{Number: round, Votes: append([]int64(nil), c.vote...), Exhausted: c.exh, Inactive: c.inac, Elected: -1}
		for k := 0; k < c.n; k++ {
			if c.cont[k] {
				rd.Continuing = append(rd.Continuing, k)
				rd.ContinuingBallots += c.vote[k]
			}
		}
		base := rd.ContinuingBallots
		if r.Majority == MajorityAllBallots {
			base = pp.Ballots
		}
		rd.Threshold = base/2 + 1
		cont := rd.Continuing
		if len(cont) == 0 {
			return nil, errors.New("no candidate takes part")
		}
		// Has someone won?
		top := cont[0]
		for _, k := range cont {
			if c.vote[k] > c.vote[top] {
				top = k
			}
		}
		switch {
		case len(cont) == 1:
			rd.Elected = top
		case len(cont) == 2:
			a, b := cont[0], cont[1]
			switch {
			case c.vote[a] != c.vote[b]:
				// Two remain: the one with more votes wins (under
				// MajorityContinuing that is a majority).
				rd.Elected = top
			default:
				tie, err := c.breakTie(seat.Rounds, rd, []int{a, b}, "election")
				if err != nil {
					return nil, err
				}
				rd.Tie = tie
				rd.Elected = a + b - tie.Loser
			}
		case !r.ContinueUntilTwo && c.vote[top] >= rd.Threshold:
			rd.Elected = top
		}
		if rd.Elected >= 0 {
			seat.Rounds = append(seat.Rounds, rd)
			seat.Winner = rd.Elected
			return seat, nil
		}
		// Whom to exclude.
		var excl []int
		if writeIns {
			writeIns = false
			for _, k := range pp.Profile.WriteIns {
				if c.cont[k] {
					excl = append(excl, k)
				}
			}
			if len(excl) >= len(cont)-1 {
				excl = nil
			}
		}
		if excl == nil && r.Exclusion == ExcludeBatch {
			excl = c.batch(cont)
		}
		if excl == nil {
			low := cont[0]
			for _, k := range cont {
				if c.vote[k] < c.vote[low] {
					low = k
				}
			}
			var tied []int
			for _, k := range cont {
				if c.vote[k] == c.vote[low] {
					tied = append(tied, k)
				}
			}
			if len(tied) > 1 {
				tie, err := c.breakTie(seat.Rounds, rd, tied, "exclusion")
				if err != nil {
					return nil, err
				}
				rd.Tie = tie
				low = tie.Loser
			}
			excl = []int{low}
		}
		rd.Excluded = excl
		for _, k := range excl {
			c.cont[k] = false
		}
		// Inactive ballots are looked at again with the new continuing set.
		if len(c.idle) > 0 {
			t := Transfer{From: -1, To: make([]int64, c.n)}
			idle := c.idle
			c.idle = nil
			c.inac = 0
			for _, i := range idle {
				t.Ballots += pp.Weight(int(i))
				c.place(int(i), c.pos[i], &t)
			}
			rd.Transfers = append(rd.Transfers, t)
		}
		for _, k := range excl {
			t := Transfer{From: k, Ballots: c.vote[k], To: make([]int64, c.n)}
			pile := c.pile[k]
			c.pile[k] = nil
			c.vote[k] = 0
			for _, i := range pile {
				c.place(int(i), pp.After(int(i), c.pos[i]), &t)
			}
			rd.Transfers = append(rd.Transfers, t)
		}
		seat.Rounds = append(seat.Rounds, rd)
	}
}

// batch returns the largest set of two or more lowest candidates whose
// votes together are fewer than the next candidate's, leaving at least two
// continuing; nil when there is none.
func (c *counter) batch(cont []int) []int {
	s := append([]int(nil), cont...)
	sort.SliceStable(s, func(i, j int) bool { return c.vote[s[i]] < c.vote[s[j]] })
	best := 0
	var sum int64
	for k := 0; k+1 < len(s) && k < len(s)-2; k++ {
		sum += c.vote[s[k]]
		if sum < c.vote[s[k+1]] {
			best = k + 1
		}
	}
	if best < 2 {
		return nil
	}
	return s[:best]
}

// breakTie decides which of the tied candidates loses.
func (c *counter) breakTie(prev []Round, rd Round, tied []int, what string) (*Tie, error) {
	tb := c.r.TieBreak
	t := &Tie{For: what, Candidates: append([]int(nil), tied...), Draw: -1}
	still := append([]int(nil), tied...)
	var order []int
	switch tb.Countback {
	case CountbackPrevious:
		for i := len(prev) - 1; i >= 0; i-- {
			order = append(order, i)
		}
	case CountbackFirst:
		for i := range prev {
			order = append(order, i)
		}
	}
	for _, ri := range order {
		if len(still) == 1 {
			break
		}
		v := prev[ri].Votes
		low := v[still[0]]
		for _, k := range still {
			low = min(low, v[k])
		}
		var next []int
		for _, k := range still {
			if v[k] == low {
				next = append(next, k)
			}
		}
		still = next
	}
	t.AfterCountback = still
	if len(still) == 1 {
		t.Method, t.Loser, t.Chosen = "countback", still[0], still[0]
		return t, nil
	}
	stream := fmt.Sprintf("instant-runoff seat %d round %d %s", c.seat, rd.Number, what)
	if err := fallback(tb, c.pp.Profile.Candidates, still, stream, rd.Number, what, true, t); err != nil {
		return nil, err
	}
	t.Loser = t.Chosen
	return t, nil
}

// plural writes n and the noun, with an s unless n is 1: "1 seat", "0
// candidates".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
