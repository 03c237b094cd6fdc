package measure

import (
	"fmt"
	"sort"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/plurality"
)

// A Standing is one party candidate's result in one contest, seen against
// the contest's winner (where the party lost) or runner-up (where it won).
type Standing struct {
	ContestID, Contest string
	Candidate          string
	Votes              int64
	Share              float64 // percent of the contest's valid votes
	Position           int     // 1 = first
	Elected            bool
	// Opponent is the party of the winner (where this candidate lost) or of
	// the best candidate not elected (where it won); "" if none.
	Opponent      string
	OpponentVotes int64
	// Gap is |Votes − OpponentVotes| in votes: the majority where it won,
	// the deficit where it lost.
	Gap        int64
	GapPercent float64 // Gap as percentage points of the valid votes
	// Swing is the two-party (Butler) swing, in percentage points, from the
	// opponent to this party that would tie the contest: half of GapPercent.
	// Where the party won, it is the swing against it that would tie.
	Swing float64
	// Switchers is the smallest number of the opponent's voters who, by
	// voting for this candidate instead, would reverse the result:
	// floor(Gap/2)+1.
	Switchers int64
}

// A PartyDetail explains one party's result.
type PartyDetail struct {
	Summary PartyResult
	// Won are the contests it won, narrowest majority first.
	Won []Standing
	// Second are the contests where it came second, nearest first.
	Second []Standing
	// Lost are all contests it fought and did not win, nearest first (by
	// swing needed; equal swings in input order).
	Lost []Standing
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
		for _, p := range r.Placings {
			k := &c.Candidates[p.Candidate]
			if k.Party != id {
				continue
			}
			st := Standing{ContestID: c.ID, Contest: c.Name, Candidate: k.Label(), Votes: k.Votes, Share: pct(k.Votes, r.Valid), Position: p.Position, Elected: p.Elected}
			if p.Elected {
				for _, q := range r.Placings {
					if !q.Elected {
						st.Opponent = c.Candidates[q.Candidate].Party
						st.OpponentVotes = q.Votes
						break
					}
				}
			} else if len(r.Elected) > 0 {
				// The opponent is the last elected candidate: the one to overtake.
				w := r.Elected[len(r.Elected)-1]
				st.Opponent = c.Candidates[w].Party
				st.OpponentVotes = c.Candidates[w].Votes
			} else if r.Tie != nil {
				st.Opponent = c.Candidates[r.Tie.Candidates[0]].Party
				st.OpponentVotes = r.Tie.Votes
			}
			if st.Opponent != "" {
				st.Gap = st.Votes - st.OpponentVotes
				if st.Gap < 0 {
					st.Gap = -st.Gap
				}
				st.GapPercent = pct(st.Gap, r.Valid)
				st.Swing = st.GapPercent / 2
				st.Switchers = st.Gap/2 + 1
			}
			switch {
			case p.Elected:
				d.Won = append(d.Won, st)
			default:
				d.Lost = append(d.Lost, st)
				if p.Position == 2 {
					d.Second = append(d.Second, st)
				}
			}
		}
	}
	byGap := func(list []Standing) {
		sort.SliceStable(list, func(i, j int) bool { return list[i].GapPercent < list[j].GapPercent })
	}
	byGap(d.Won)
	byGap(d.Second)
	byGap(d.Lost)
	return d, nil
}
