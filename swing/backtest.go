package swing

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/election"
)

// A Backtest compares a projection with the result that happened.
type Backtest struct {
	Model Model
	// Parties: every party that won a seat in the projection or in the
	// actual result, most actual seats first (then predicted, then ID).
	Parties []BacktestParty
	// Seats compared (contests matched by ID).
	Seats int
	// TotalError is Σ |predicted − actual| over parties (seats); half of it
	// is the least number of seats that would have to move between parties
	// to turn the prediction into the result.
	TotalError int
	// Wrong lists the contests whose predicted winning party differs from
	// the actual one (a projected or actual tie counts as wrong), in
	// baseline order.
	Wrong []WrongCall
}

// A BacktestParty is one party's predicted and actual seats.
type BacktestParty struct {
	Party             election.Party
	Predicted, Actual int
}

// Error is Predicted − Actual.
func (b BacktestParty) Error() int { return b.Predicted - b.Actual }

// A WrongCall is a contest called wrong.
type WrongCall struct {
	ContestID string `json:"contest_id"`
	Contest   string `json:"contest"`
	Predicted string `json:"predicted"` // party; "" for a tie
	Actual    string `json:"actual"`
}

// Compare matches the projection's contests with actual's by contest ID
// (e.g. the ONS code PCON24CD) and counts seats per party and contests
// called wrong. Actual winners are found by comparing integer votes. It is
// an error when the two elections do not have the same contest IDs.
func Compare(pr *Projection, actual *election.Election) (*Backtest, error) {
	idx := make(map[string]int, len(actual.Contests))
	for i := range actual.Contests {
		idx[actual.Contests[i].ID] = i
	}
	if len(actual.Contests) != len(pr.Seats) {
		return nil, fmt.Errorf("the baseline has %d contests and the actual result %d; expected the same contests (same boundaries)", len(pr.Seats), len(actual.Contests))
	}
	b := &Backtest{Model: pr.Model, Seats: len(pr.Seats)}
	pred := map[string]int{}
	act := map[string]int{}
	for i := range pr.Seats {
		s := &pr.Seats[i]
		j, ok := idx[s.Contest.ID]
		if !ok {
			return nil, fmt.Errorf("contest %s (%s) of the baseline is not in the actual result; expected contests keyed by the same IDs", s.Contest.ID, s.Contest.Name)
		}
		c := &actual.Contests[j]
		aw := ""
		if w := winnerByVotes(c); w >= 0 {
			aw = c.Candidates[w].Party
		}
		if s.Winner != "" {
			pred[s.Winner]++
		}
		if aw != "" {
			act[aw]++
		}
		if s.Winner == "" || aw == "" || s.Winner != aw {
			b.Wrong = append(b.Wrong, WrongCall{ContestID: s.Contest.ID, Contest: s.Contest.Name, Predicted: s.Winner, Actual: aw})
		}
	}
	names := map[string]election.Party{}
	for _, p := range pr.Parties {
		names[p.Party.ID] = p.Party
	}
	for _, p := range actual.Parties {
		names[p.ID] = p // the actual election's names
	}
	for id := range names {
		if pred[id] == 0 && act[id] == 0 {
			continue
		}
		bp := BacktestParty{Party: names[id], Predicted: pred[id], Actual: act[id]}
		b.Parties = append(b.Parties, bp)
		b.TotalError += abs(bp.Error())
	}
	sort.Slice(b.Parties, func(i, j int) bool {
		x, y := b.Parties[i], b.Parties[j]
		if x.Actual != y.Actual {
			return x.Actual > y.Actual
		}
		if x.Predicted != y.Predicted {
			return x.Predicted > y.Predicted
		}
		return x.Party.ID < y.Party.ID
	})
	return b, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Observed returns the vote shares (percent) that the named parties won in
// e over an area: area "" is every contest not in a nation or region named
// in exclude; otherwise the contests whose nation or region is area. Others
// is the rest to 100. Parties with no votes there are left out. It is used
// to backtest with the shares that actually happened.
func Observed(e *election.Election, area string, exclude []string, parties []string) (Target, error) {
	ex := set(exclude)
	votes := map[string]int64{}
	var total int64
	n := 0
	for i := range e.Contests {
		c := &e.Contests[i]
		nat, reg := c.Area(election.Nation), c.Area(election.Region)
		if area == "" && (ex[nat] || ex[reg]) || area != "" && nat != area && reg != area {
			continue
		}
		n++
		for _, cd := range c.Candidates {
			votes[cd.Party] += cd.Votes
			total += cd.Votes
		}
	}
	if n == 0 || total == 0 {
		return Target{}, fmt.Errorf("no contests with votes in %q; areas: %v", area, areaNames(e))
	}
	t := Target{Area: area}
	rest := total
	for _, p := range parties {
		if votes[p] == 0 {
			continue
		}
		t.Shares = append(t.Shares, Share{p, 100 * float64(votes[p]) / float64(total)})
		rest -= votes[p]
	}
	t.Shares = append(t.Shares, Share{Others, 100 * float64(rest) / float64(total)})
	return t, nil
}

// Nations lists the nations of e's contests, in order of first appearance.
func Nations(e *election.Election) []string {
	var out []string
	seen := map[string]bool{}
	for i := range e.Contests {
		if n := e.Contests[i].Area(election.Nation); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// Fit moves the share of each party that t names but that has no baseline
// votes in t's area (after successor mapping) into Others, and says which
// it moved. A backtest uses it for parties new in the later election (e.g.
// TUV in Northern Ireland in 2024) that no model can project.
func Fit(baseline *election.Election, t Target, exclude []string, successors map[string]string) (Target, []string) {
	ex := set(exclude)
	votes := map[string]int64{}
	for i := range baseline.Contests {
		c := &baseline.Contests[i]
		nat, reg := c.Area(election.Nation), c.Area(election.Region)
		if t.Area == "" && (ex[nat] || ex[reg]) || t.Area != "" && nat != t.Area && reg != t.Area {
			continue
		}
		for _, cd := range c.Candidates {
			id := cd.Party
			if s, ok := successors[id]; ok {
				id = s
			}
			votes[id] += cd.Votes
		}
	}
	out := Target{Area: t.Area}
	var moved []string
	oth := 0.0
	for _, s := range t.Shares {
		if s.Party != Others && votes[s.Party] == 0 {
			moved = append(moved, fmt.Sprintf("%s (%s%%) has no baseline votes in %s and is counted with others", s.Party, fmtPct(s.Percent), areaLabel(t.Area)))
			oth += s.Percent
			continue
		}
		if s.Party == Others {
			oth += s.Percent
			continue
		}
		out.Shares = append(out.Shares, s)
	}
	out.Shares = append(out.Shares, Share{Others, oth})
	return out, moved
}

// BacktestShares say which vote shares a backtest projects the later
// election with: the shares it actually gave, some of them overridden.
type BacktestShares struct {
	// Parties are the parties whose actual shares are used; all others
	// are grouped as Others.
	Parties []string
	// ByNation takes each nation's own actual shares (one target per
	// nation) instead of national shares over the contests not excluded.
	ByNation bool
	// Exclude names the nations or regions national shares leave out
	// (Options.Exclude); unused with ByNation.
	Exclude []string
	// Given overrides some actual shares (Merge): a target with no Area
	// the national shares, one with an Area that nation's shares (ByNation
	// only). Each must match a target.
	Given []Target
	// Successors map baseline parties to their successors
	// (Options.Successors), for Fit.
	Successors map[string]string
}

// ErrGivenShares is matched (errors.Is) by BacktestTargets' errors about
// the Given shares, as opposed to errors in the results.
var ErrGivenShares = errors.New("given shares do not fit the backtest")

// givenError is an error about the given shares: its own message, matching
// ErrGivenShares.
type givenError struct{ error }

func (givenError) Is(target error) bool { return target == ErrGivenShares }

// BacktestTargets builds the targets a backtest projects baseline with:
// the shares actual gave (Observed), nationally or for each nation, with
// the Given shares merged in, and each party that has no baseline votes in
// a target's area moved to Others (Fit). notes say which parties were
// moved. With ByNation every nation has its own target, so the projection
// needs no Exclude. Errors: an area with no votes; a given target that
// matches none (national shares with ByNation, an area without it, or an
// area that is not a nation of actual), naming the targets there are; a
// merge that takes more than Others holds. Errors about the given shares
// match ErrGivenShares.
func BacktestTargets(baseline, actual *election.Election, s BacktestShares) (targets []Target, notes []string, err error) {
	if s.ByNation {
		for _, n := range Nations(actual) {
			t, err := Observed(actual, n, nil, s.Parties)
			if err != nil {
				return nil, nil, err
			}
			targets = append(targets, t)
		}
	} else {
		t, err := Observed(actual, "", s.Exclude, s.Parties)
		if err != nil {
			return nil, nil, err
		}
		targets = append(targets, t)
	}
	for _, g := range s.Given {
		found := false
		for i := range targets {
			if targets[i].Area != g.Area {
				continue
			}
			found = true
			if targets[i], err = Merge(targets[i], g, 0.5); err != nil {
				return nil, nil, givenError{fmt.Errorf("%s: %w", areaLabel(g.Area), err)}
			}
		}
		if found {
			continue
		}
		switch {
		case g.Area == "":
			return nil, nil, givenError{fmt.Errorf("national shares %s: the backtest takes each nation's own shares; name the nation, as in \"%s: ...\"", g, targets[0].Area)}
		case !s.ByNation:
			return nil, nil, givenError{fmt.Errorf("shares for %s: the backtest takes national shares; give them without an area, or take each nation's own shares", g.Area)}
		default:
			areas := make([]string, len(targets))
			for i, t := range targets {
				areas[i] = t.Area
			}
			return nil, nil, givenError{fmt.Errorf("shares for %s: no such nation in the actual result; its nations are %s", g.Area, strings.Join(areas, ", "))}
		}
	}
	exclude := s.Exclude
	if s.ByNation {
		exclude = nil
	}
	for i := range targets {
		var moved []string
		targets[i], moved = Fit(baseline, targets[i], exclude, s.Successors)
		notes = append(notes, moved...)
	}
	return targets, notes, nil
}
