package measure

import (
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/plurality"
)

// A Standing is one party candidate's result in one contest, seen against
// the candidates it would have to overtake (where it lost) or the one that
// would overtake it (where it won).
type Standing struct {
	ContestID, Contest string
	Candidate          string
	Votes              int64
	Share              float64 // percent of the contest's valid votes
	Position           int     // 1 = first
	Elected            bool
	// Opponent is the party of the last winner (where this candidate lost)
	// or of the runner-up (where it won); "" if none.
	Opponent      string
	OpponentVotes int64
	// Gap is |Votes − OpponentVotes| in votes: the majority where it won,
	// the deficit where it lost.
	Gap        int64
	GapPercent float64 // Gap as percentage points of the valid votes
	// Switchers is the smallest number of voters who, by changing their
	// vote, would reverse the result: where the candidate lost, voters of
	// the candidates ahead of it switching to it until it leads them all
	// (for a second place, floor(Gap/2)+1); where it won, its own voters
	// switching to the runner-up until the runner-up leads.
	Switchers int64
	// Swing is Switchers as a percentage of the valid votes: the share of
	// voters who would have to change their minds. For a second place (and
	// a win) it is, to within one vote, the two-party (Butler) swing, half
	// of GapPercent.
	Swing float64
}

// switchersToWin is the smallest x such that, taking x votes from the
// candidates ahead of a candidate with v votes (others, which must all end
// below it), the candidate leads: the least x with
// Σ max(0, oⱼ − (v + x − 1)) ≤ x. The left side falls and the right side
// rises with x, so a binary search finds it.
func switchersToWin(v int64, others []int64) int64 {
	need := func(x int64) bool {
		var take int64
		for _, o := range others {
			if d := o - (v + x - 1); d > 0 {
				take += d
			}
		}
		return take <= x
	}
	lo, hi := int64(0), int64(1)
	for !need(hi) {
		hi *= 2
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if need(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// A PartyDetail explains one party's result.
type PartyDetail struct {
	Summary PartyResult
	// Won are the contests it won, narrowest majority first.
	Won []Standing
	// Second are the contests where it came second, nearest first.
	Second []Standing
	// Lost are all contests it fought and did not win, fewest switchers
	// needed first (equal ones in input order).
	Lost []Standing
	// Tied are contests where its candidate is in a tie for a seat still
	// awaiting a lot.
	Tied []Standing
}

// Explain gives one party's detail. party is matched against party IDs and
// then names, ignoring case. The error lists the parties when none matches.
func Explain(e *election.Election, results []plurality.Result, party string) (PartyDetail, error) {
	var d PartyDetail
	id := ""
	for _, p := range e.Parties {
		if strings.EqualFold(p.ID, party) {
			id = p.ID
		}
	}
	if id == "" {
		for _, p := range e.Parties {
			if strings.EqualFold(p.Name, party) {
				id = p.ID
			}
		}
	}
	if id == "" {
		ids := make([]string, len(e.Parties))
		for i, p := range e.Parties {
			ids[i] = p.ID
		}
		sort.Strings(ids)
		return d, fmt.Errorf("no party %q in this election; parties: %s", party, strings.Join(ids, ", "))
	}
	s := Summarize(e, results)
	d.Summary = *s.Party(id)
	for ri := range results {
		r := &results[ri]
		c := r.Contest
		pending := map[int]bool{}
		if r.Tie != nil && r.Tie.Resolution == plurality.Pending {
			for _, k := range r.Tie.Candidates {
				pending[k] = true
			}
		}
		for _, p := range r.Placings {
			k := &c.Candidates[p.Candidate]
			if k.Party != id {
				continue
			}
			st := Standing{ContestID: c.ID, Contest: c.Name, Candidate: k.Label(), Votes: k.Votes, Share: pct(k.Votes, r.Valid), Position: p.Position, Elected: p.Elected}
			switch {
			case p.Elected:
				if len(r.RunnerUp) > 0 {
					o := &c.Candidates[r.RunnerUp[0]]
					st.Opponent, st.OpponentVotes = o.Party, o.Votes
					st.Gap = k.Votes - o.Votes
					st.Switchers = st.Gap/2 + 1
				}
			case pending[p.Candidate]:
				for _, q := range r.Tie.Candidates {
					if q != p.Candidate {
						st.Opponent, st.OpponentVotes = c.Candidates[q].Party, c.Candidates[q].Votes
						break
					}
				}
				st.Switchers = 1
			default:
				// Everyone ahead: the candidates elected and those placed above.
				var ahead []int64
				for _, q := range r.Placings {
					if q.Votes > k.Votes || q.Elected {
						ahead = append(ahead, q.Votes)
					}
				}
				if len(r.Elected) > 0 {
					w := &c.Candidates[r.Elected[len(r.Elected)-1]]
					st.Opponent, st.OpponentVotes = w.Party, w.Votes
				}
				// In a multi-seat contest it need only pass the last winner:
				// the seats above that are not at stake.
				if c.Seats > 1 && len(r.Elected) > 0 {
					ahead = []int64{c.Candidates[r.Elected[len(r.Elected)-1]].Votes}
				}
				st.Gap = st.OpponentVotes - k.Votes
				st.Switchers = switchersToWin(k.Votes, ahead)
			}
			st.GapPercent = pct(st.Gap, r.Valid)
			st.Swing = pct(st.Switchers, r.Valid)
			switch {
			case p.Elected:
				d.Won = append(d.Won, st)
			case pending[p.Candidate]:
				d.Tied = append(d.Tied, st)
			default:
				d.Lost = append(d.Lost, st)
				if p.Position == 2 && c.Seats == 1 {
					d.Second = append(d.Second, st)
				}
			}
		}
	}
	bySwitchers := func(list []Standing) {
		// A display order only: nothing is decided by it.
		sort.SliceStable(list, func(i, j int) bool { return list[i].Swing < list[j].Swing })
	}
	bySwitchers(d.Won)
	bySwitchers(d.Second)
	bySwitchers(d.Lost)
	return d, nil
}
