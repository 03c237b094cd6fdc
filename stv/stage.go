package stv

import (
	"fmt"
	"sort"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/lot"
)

// StageKind says what a stage of a multi-seat count did.
type StageKind uint8

const (
	// FirstStage counts the first preferences.
	FirstStage StageKind = iota
	// SurplusStage transfers an elected candidate's surplus.
	SurplusStage
	// ExclusionStage transfers the papers of one or more excluded
	// candidates (or, under ExcludeByTransferValue, one parcel of them).
	ExclusionStage
	// IterationStage is a stage of Meek's or Warren's method: the keep
	// factors found by iteration, then an election or an exclusion.
	IterationStage
)

var stageKindNames = []string{"first", "surplus", "exclusion", "iteration"}

func (k StageKind) String() string { return name(stageKindNames, int(k), "StageKind") }

// A Stage is one stage (count) of a multi-seat STV count: what moved, the
// votes as they then stood, and what was decided. Units: votes, exact
// (Value), and papers (ballots).
type Stage struct {
	Number int
	Kind   StageKind
	// From are the candidates (indices) whose surplus or papers moved.
	From []int
	// Transferred is the votes taken from From at this stage: the surplus,
	// or the excluded candidates' votes (of the parcel moved).
	Transferred Value
	// TransferValues are the values of the papers moved, highest first: a
	// surplus's transfer value(s), or an excluded candidate's parcels.
	TransferValues []Value
	// Votes of each candidate after the stage (indexed like
	// Result.Candidates).
	Votes []Value
	// Papers held by each candidate after the stage.
	Papers []int64
	// Exhausted: non-transferable votes so far, and papers by reason.
	Exhausted       Value
	ExhaustedPapers [ballot.NumReasons]int64
	// LossByFraction is the votes lost so far by rounding (negative when
	// rounding gained votes), the residual of the statute's arithmetic.
	LossByFraction Value
	// Quota in force at the stage.
	Quota Value
	// Elected at this stage, in order, with the reason.
	Elected []Election
	// Excluded at this stage (whose papers moved, or were put aside), and
	// why: "lowest" (fewest votes), "bulk" (together fewer votes than the
	// next candidate, with the surpluses: none could be elected),
	// "write-ins" (undeclared write-ins first), "below threshold".
	Excluded        []int
	ExclusionReason string
	// Deferred: candidates whose surplus was not transferred at this stage
	// because the rule defers it.
	Deferred []int
	// Ties decided at this stage.
	Ties []Tie
	// KeepFactors of each candidate (Meek, Warren), and the iterations
	// that found them.
	KeepFactors []Value
	Iterations  int
	// Note says why the stage ended as it did, where a rule says more.
	Note string
}

// An Election is a candidate elected at a stage, and why.
type Election struct {
	Candidate int
	// Reason: "quota", "remaining" (continuing candidates equal the
	// vacancies), "higher of the last two", "unbeatable", "threshold".
	Reason string
}

// Candidates' states in a multi-seat count.
type cstate uint8

const (
	hopeful cstate = iota
	elected
	excluded
	withdrawn
)

// core is what every multi-seat count has: the rule, the arithmetic,
// the candidates' states and votes, the quota, the stages so far and
// their votes (for countbacks), and the tie-breaker.
type core[N any] struct {
	ar       arith[N]
	r        *Rules
	pp       *ballot.Prepared
	names    []string
	n        int
	seats    int
	state    []cstate
	vote     []N
	quota    N
	hist     [][]N
	stages   []Stage
	ties     tieBreaker[N]
	nElected int
}

func newCore[N any](ar arith[N], pp *ballot.Prepared, r *Rules, seats int) core[N] {
	n := len(pp.Profile.Candidates)
	c := core[N]{ar: ar, r: r, pp: pp, names: pp.Profile.Candidates, n: n, seats: seats, state: make([]cstate, n), vote: make([]N, n)}
	for k := range c.vote {
		c.vote[k] = ar.whole(0)
	}
	for _, k := range pp.Profile.Withdrawn {
		c.state[k] = withdrawn
	}
	c.quota = ar.whole(0)
	return c
}

// hopefuls are the continuing candidates, ascending.
func (c *core[N]) hopefuls() []int {
	var out []int
	for k, s := range c.state {
		if s == hopeful {
			out = append(out, k)
		}
	}
	return out
}

// markElected elects candidate k at stage st.
func (c *core[N]) markElected(st *Stage, k int, why string) {
	c.state[k] = elected
	c.nElected++
	st.Elected = append(st.Elected, Election{Candidate: k, Reason: why})
}

// counting is the votes counting for a candidate, elected or continuing.
func (c *core[N]) counting() N {
	t := c.ar.whole(0)
	for k, s := range c.state {
		if s == hopeful || s == elected {
			t = c.ar.add(t, c.vote[k])
		}
	}
	return t
}

// hasQuota says whether v votes elect under the rule's criterion.
func (c *core[N]) hasQuota(v N) bool {
	x := c.ar.cmp(v, c.quota)
	if c.r.Quota.Criterion == ExceedQuota {
		return x > 0
	}
	return x >= 0
}

// snapshot numbers st, fills in the votes and the quota, keeps the votes
// for countbacks and appends the stage.
func (c *core[N]) snapshot(st Stage) *Stage {
	st.Number = len(c.stages) + 1
	st.Votes = make([]Value, c.n)
	for k := range c.vote {
		st.Votes[k] = c.ar.value(c.vote[k])
	}
	st.Quota = c.ar.value(c.quota)
	c.hist = append(c.hist, append([]N(nil), c.vote...))
	c.stages = append(c.stages, st)
	return &c.stages[len(c.stages)-1]
}

// lowest is the continuing candidate with the fewest votes, a tie
// decided by the rules and recorded in st; stage is the stage number the
// lot's stream names.
func (c *core[N]) lowest(st *Stage, stage int) (int, error) {
	hs := c.hopefuls()
	low := hs[0]
	for _, k := range hs {
		if c.ar.cmp(c.vote[k], c.vote[low]) < 0 {
			low = k
		}
	}
	var tied []int
	for _, k := range hs {
		if c.ar.cmp(c.vote[k], c.vote[low]) == 0 {
			tied = append(tied, k)
		}
	}
	if len(tied) == 1 {
		return low, nil
	}
	k, tie, err := c.ties.decide(tied, true, stage, "exclusion")
	if err != nil {
		return -1, err
	}
	st.Ties = append(st.Ties, *tie)
	return k, nil
}

// electedOrder lists the elected candidates in order of election.
func (c *core[N]) electedOrder() []int {
	var out []int
	for _, st := range c.stages {
		for _, e := range st.Elected {
			out = append(out, e.Candidate)
		}
	}
	return out
}

// ties decides ties between candidates with equal votes by the rules'
// countback over the stages so far, then the fallback. hist[k] are the
// votes at the end of stage k+1; the current stage is the last.
type tieBreaker[N any] struct {
	ar    arith[N]
	tb    TieBreak
	names []string
	hist  *[][]N
}

// decide picks among tied candidates: the lowest (to exclude) when low,
// else the highest (to go first). what names the decision for the
// transcript and the lot's stream.
func (t tieBreaker[N]) decide(tied []int, low bool, stage int, what string) (int, *Tie, error) {
	tie := &Tie{For: what, Candidates: append([]int(nil), tied...), Draw: -1, Loser: -1}
	sort.Ints(tie.Candidates)
	still := append([]int(nil), tie.Candidates...)
	hist := *t.hist
	var order []int
	switch t.tb.Countback {
	case CountbackPrevious:
		for i := len(hist) - 2; i >= 0; i-- {
			order = append(order, i)
		}
	case CountbackFirst:
		for i := 0; i < len(hist)-1; i++ {
			order = append(order, i)
		}
	}
	for _, si := range order {
		if len(still) == 1 {
			break
		}
		v := hist[si]
		best := v[still[0]]
		for _, k := range still {
			c := t.ar.cmp(v[k], best)
			if low && c < 0 || !low && c > 0 {
				best = v[k]
			}
		}
		var next []int
		for _, k := range still {
			if t.ar.cmp(v[k], best) == 0 {
				next = append(next, k)
			}
		}
		still = next
	}
	tie.AfterCountback = still
	if len(still) == 1 {
		tie.Method, tie.Chosen = "countback", still[0]
	} else {
		stream := fmt.Sprintf("stv stage %d %s", stage, what)
		if err := fallback(t.tb, t.names, still, stream, stage, what, low, tie); err != nil {
			return -1, nil, err
		}
	}
	if low {
		tie.Loser = tie.Chosen
	}
	return tie.Chosen, tie, nil
}

// fallback decides a tie the countback left among still (ascending
// indices) by the rules' fallback, filling tie.Method, Seed, Stream, Draw
// and Chosen. low: the decision picks a loser (the last in a named order);
// otherwise a winner (the first in the order).
func fallback(tb TieBreak, names []string, still []int, stream string, number int, what string, low bool, tie *Tie) error {
	tiedNames := func() []string {
		var out []string
		for _, k := range still {
			out = append(out, names[k])
		}
		return out
	}
	switch tb.Fallback {
	case FallbackLot:
		// psephos's seeded lot (internal/lot): the tied candidates in
		// order of name, then of ballot-paper position; the first drawn is
		// the one the lot decides for (excluded, or taken first).
		order := append([]int(nil), still...)
		sort.SliceStable(order, func(i, j int) bool {
			if names[order[i]] != names[order[j]] {
				return names[order[i]] < names[order[j]]
			}
			return order[i] < order[j]
		})
		tie.Method, tie.Seed, tie.Stream = "lot", tb.Seed, stream
		tie.Draw = lot.Permutation(tb.Seed, stream, len(order))[0]
		tie.Chosen = order[tie.Draw]
	case FallbackOrder:
		tie.Method = "order"
		pick := -1
		for _, k := range still {
			at := -1
			for j, nm := range tb.Order {
				if nm == names[k] {
					at = j
				}
			}
			if at < 0 {
				return &TieError{Round: number, Candidates: tiedNames(), Msg: fmt.Sprintf("the tie-break order does not list %q", names[k])}
			}
			if pick < 0 || low && at > pick || !low && at < pick {
				pick, tie.Chosen = at, k
			}
		}
	default:
		return &TieError{Round: number, Candidates: tiedNames(), Msg: "for " + what + " with no tie-break rule: draw a lot and record it as a tie-break order, or allow a seeded lot"}
	}
	return nil
}
