package measure

import (
	"sort"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/plurality"
)

// A MajorityRef names a contest's majority.
type MajorityRef struct {
	ContestID string
	Contest   string
	Winner    string // the winner's name (or label)
	Party     string // the winner's party ID
	Votes     int64  // the majority, votes
	Percent   float64
}

// A PartyResult is one party's seats against votes in an area.
type PartyResult struct {
	Party      election.Party
	Candidates int   // candidates (named lines) it stood
	Seats      int   // seats won (decided seats only)
	Votes      int64 // valid votes for its candidates
	VoteShare  float64
	SeatShare  float64 // percent of the area's seats
	Difference float64 // SeatShare − VoteShare, percentage points
	// Places counts its candidates placed 1st, 2nd and 3rd in single-seat
	// contests (equal votes share a position, so a tie for second gives both
	// parties a second). A place that a candidate hidden in an aggregate
	// line might have taken is not counted here but in PlacesUncertain.
	Places          [3]int
	PlacesUncertain int
	// VotesPerSeat is Votes / Seats; 0 when it won no seats.
	VotesPerSeat float64
	// UnelectedVotes are its votes for candidates not elected.
	UnelectedVotes int64
	// SurplusVotes are its winners' votes beyond the runner-up's plus one.
	SurplusVotes int64
	// ExcessOverHalf are its winners' votes beyond floor(valid/2)+1, in
	// single-seat contests.
	ExcessOverHalf int64
	// MinorityWinners counts its winners of single-seat contests with no
	// more than half of the valid votes.
	MinorityWinners int
	// SmallestMajority and LargestMajority among its decided, opposed
	// contests; nil when it won none.
	SmallestMajority, LargestMajority *MajorityRef
}

// A TieRef is a contest whose last seat was tied.
type TieRef struct {
	ContestID, Contest string
	Candidates         []string // labels of the tied candidates
	Parties            []string
	Votes              int64
	Resolution         string // plurality.Pending, Lot or RecordedLot
	Winners            []string
}

// A Summary is seats against votes for one area.
type Summary struct {
	Area         string // "" for the whole election
	Kind         string // the area kind (election.Nation, ...), "" for the whole election
	Contests     int
	SingleSeat   int   // contests with one seat and a winner (decided)
	Seats        int   // seats to fill
	SeatsDecided int   // seats filled (Seats less those pending a lot)
	ValidVotes   int64 // votes
	// InvalidVotes and Electorate are election.Unknown unless every
	// contest gives them.
	InvalidVotes int64
	Electorate   int64
	Parties      []PartyResult // by seats, then votes (most first), then ID
	// Indices are computed over the decided seats (a seat awaiting a lot
	// belongs to no party yet).
	Indices Indices
	// MinorityWinners counts winners of single-seat contests with no more
	// than half of the valid votes.
	MinorityWinners int
	UnelectedVotes  int64
	SurplusVotes    int64
	ExcessOverHalf  int64
	// PendingVotes are votes for candidates tied for a seat still to be
	// decided by lot: neither elected nor unelected yet.
	PendingVotes int64
	// SmallestMajority and LargestMajority over decided contests that had
	// an opponent (the first in input order where several are equal).
	SmallestMajority, LargestMajority *MajorityRef
	Ties                              []TieRef
}

// UnelectedShare is UnelectedVotes as a percentage of the valid votes.
func (s *Summary) UnelectedShare() float64 { return pct(s.UnelectedVotes, s.ValidVotes) }

// WastedVotes is the default wasted-vote total: unelected plus surplus votes.
func (s *Summary) WastedVotes() int64 { return s.UnelectedVotes + s.SurplusVotes }

// Turnout is valid votes as a percentage of the electorate, the House of
// Commons Library's convention (2024: 59.7%); -1 when the electorate is
// unknown. BallotTurnout also counts rejected ballots.
func (s *Summary) Turnout() float64 {
	if s.Electorate <= 0 {
		return -1
	}
	return pct(s.ValidVotes, s.Electorate)
}

// BallotTurnout is valid plus rejected ballots as a percentage of the
// electorate (the Electoral Commission's "ballot box turnout"); -1 when
// either is unknown.
func (s *Summary) BallotTurnout() float64 {
	if s.Electorate <= 0 || s.InvalidVotes < 0 {
		return -1
	}
	return pct(s.ValidVotes+s.InvalidVotes, s.Electorate)
}

// Party returns the party's result, or nil.
func (s *Summary) Party(id string) *PartyResult {
	for i := range s.Parties {
		if s.Parties[i].Party.ID == id {
			return &s.Parties[i]
		}
	}
	return nil
}

func pct(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Summarize measures the whole election. results are plurality.CountElection's
// for e, in the same order.
func Summarize(e *election.Election, results []plurality.Result) Summary {
	idx := make([]int, len(results))
	for i := range idx {
		idx[i] = i
	}
	return summarize(e, results, idx, "", "")
}

// ByArea measures each area of the given kind (election.Nation,
// election.Region, ...), in order of area name. Contests without an area of
// that kind form one group named "(no <kind>)".
func ByArea(e *election.Election, results []plurality.Result, kind string) []Summary {
	groups := map[string][]int{}
	for i := range results {
		a := results[i].Contest.Area(kind)
		if a == "" {
			a = "(no " + kind + ")"
		}
		groups[a] = append(groups[a], i)
	}
	names := make([]string, 0, len(groups))
	for a := range groups {
		names = append(names, a)
	}
	sort.Strings(names)
	out := make([]Summary, len(names))
	for i, a := range names {
		out[i] = summarize(e, results, groups[a], a, kind)
	}
	return out
}

func summarize(e *election.Election, results []plurality.Result, idx []int, area, kind string) Summary {
	s := Summary{Area: area, Kind: kind, InvalidVotes: 0, Electorate: 0}
	byParty := map[string]*PartyResult{}
	var order []string
	party := func(id string) *PartyResult {
		p, ok := byParty[id]
		if !ok {
			p = &PartyResult{Party: e.Party(id)}
			byParty[id] = p
			order = append(order, id)
		}
		return p
	}
	for _, ri := range idx {
		r := &results[ri]
		c := r.Contest
		s.Contests++
		s.Seats += c.Seats
		s.SeatsDecided += len(r.Elected)
		s.ValidVotes += r.Valid
		if c.Invalid < 0 || s.InvalidVotes < 0 {
			s.InvalidVotes = election.Unknown
		} else {
			s.InvalidVotes += c.Invalid
		}
		if c.Electorate < 0 || s.Electorate < 0 {
			s.Electorate = election.Unknown
		} else {
			s.Electorate += c.Electorate
		}
		elected := map[int]bool{}
		for _, w := range r.Elected {
			elected[w] = true
		}
		pending := map[int]bool{}
		if r.Tie != nil {
			if r.Tie.Resolution == plurality.Pending {
				for _, k := range r.Tie.Candidates {
					pending[k] = true
				}
			}
			s.Ties = append(s.Ties, tieRef(c, r.Tie))
		}
		// The best loser's votes: what each winner needed to beat.
		var loser int64
		if len(r.RunnerUp) > 0 {
			loser = c.Candidates[r.RunnerUp[0]].Votes
		}
		half := r.Valid/2 + 1
		places := make(map[int]plurality.Placing, len(r.Placings))
		if c.Seats == 1 {
			for _, pl := range r.Placings {
				places[pl.Candidate] = pl
			}
		}
		for i := range c.Candidates {
			k := &c.Candidates[i]
			p := party(k.Party)
			p.Votes += k.Votes
			if !k.Aggregate {
				p.Candidates++
			}
			if pl, ok := places[i]; ok && pl.Position <= 3 {
				if pl.Uncertain {
					p.PlacesUncertain++
				} else {
					p.Places[pl.Position-1]++
				}
			}
			switch {
			case elected[i]:
				p.Seats++
				if sur := k.Votes - loser - 1; sur > 0 && !r.Unopposed {
					p.SurplusVotes += sur
					s.SurplusVotes += sur
				}
				if ex := k.Votes - half; ex > 0 && c.Seats == 1 {
					p.ExcessOverHalf += ex
					s.ExcessOverHalf += ex
				}
				if c.Seats == 1 && 2*k.Votes <= r.Valid {
					p.MinorityWinners++
					s.MinorityWinners++
				}
			case pending[i]:
				s.PendingVotes += k.Votes
			default:
				p.UnelectedVotes += k.Votes
				s.UnelectedVotes += k.Votes
			}
		}
		if c.Seats == 1 && r.Decided() {
			s.SingleSeat++
		}
		if r.Decided() && !r.Unopposed {
			w := &c.Candidates[r.Elected[len(r.Elected)-1]]
			m := &MajorityRef{ContestID: c.ID, Contest: c.Name, Winner: w.Label(), Party: w.Party, Votes: r.Majority, Percent: r.MajorityPercent()}
			if s.SmallestMajority == nil || m.Votes < s.SmallestMajority.Votes {
				s.SmallestMajority = m
			}
			if s.LargestMajority == nil || m.Votes > s.LargestMajority.Votes {
				s.LargestMajority = m
			}
			for _, wi := range r.Elected {
				p := party(c.Candidates[wi].Party)
				pm := *m
				pm.Winner = c.Candidates[wi].Label()
				if p.SmallestMajority == nil || pm.Votes < p.SmallestMajority.Votes {
					p.SmallestMajority = &pm
				}
				if p.LargestMajority == nil || pm.Votes > p.LargestMajority.Votes {
					q := pm
					p.LargestMajority = &q
				}
			}
		}
	}
	votes := make([]int64, 0, len(order))
	seats := make([]int, 0, len(order))
	for _, id := range order {
		p := byParty[id]
		p.VoteShare = pct(p.Votes, s.ValidVotes)
		p.SeatShare = pct(int64(p.Seats), int64(s.Seats))
		p.Difference = p.SeatShare - p.VoteShare
		if p.Seats > 0 {
			p.VotesPerSeat = float64(p.Votes) / float64(p.Seats)
		}
		s.Parties = append(s.Parties, *p)
		votes = append(votes, p.Votes)
		seats = append(seats, p.Seats)
	}
	s.Indices = ComputeIndices(votes, seats)
	election.SortByStanding(s.Parties, func(p *PartyResult) (int, int64, string) { return p.Seats, p.Votes, p.Party.ID })
	return s
}

func tieRef(c *election.Contest, t *plurality.Tie) TieRef {
	ref := TieRef{ContestID: c.ID, Contest: c.Name, Votes: t.Votes, Resolution: t.Resolution}
	for _, k := range t.Candidates {
		ref.Candidates = append(ref.Candidates, c.Candidates[k].Label())
		ref.Parties = append(ref.Parties, c.Candidates[k].Party)
	}
	for _, k := range t.Winners {
		ref.Winners = append(ref.Winners, c.Candidates[k].Label())
	}
	return ref
}
