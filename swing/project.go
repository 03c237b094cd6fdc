package swing

import (
	"math"
	"sort"

	"github.com/psephos/psephos/election"
)

// A Projection is one model's central estimate of every seat.
type Projection struct {
	Model    Model
	Baseline *election.Election
	// Targets as applied: mapped party IDs, Others explicit, rescaled to
	// 100; a national target with area targets inside it is the derived
	// target for the remaining contests (Area "").
	Targets []Target
	// Parties: every party of the baseline (after successor mapping), most
	// projected seats first (then baseline seats, baseline votes, ID).
	Parties []PartyResult
	// Seats, one per baseline contest, in the baseline's order.
	Seats []SeatResult
	// Ties are the indices into Seats of seats whose projected lead is tied.
	Ties []int
	// Majority is the number of seats a party needs for an absolute
	// majority: floor(seats/2) + 1.
	Majority int
	// Notes say what was assumed (fixed and kept seats, successors, ...).
	Notes []string
}

// A PartyResult is one party's projected seats and votes.
type PartyResult struct {
	Party         election.Party
	BaselineSeats int
	Seats         int
	// Gains and Losses count seats won from and lost to other parties.
	Gains, Losses int
	// BaselineShare and Share are percentages of all valid votes of the
	// election (turnout held at the baseline).
	BaselineShare, Share float64
	// Target is the national target share in percent (nil when the party is
	// not named nationally); ScopeShare the projected share over the
	// national target's contests, to compare with it.
	Target     *float64
	ScopeShare float64
}

// A SeatResult is one contest's projection.
type SeatResult struct {
	Contest *election.Contest
	// Kept is true when the contest keeps its baseline result (outside every
	// target, or held by a fixed party).
	Kept bool
	// Candidates, most projected votes first (equal shares keep the
	// baseline's order); a projected candidate of a party that had none here
	// has Candidate −1.
	Candidates []ProjectedCandidate
	// Winner is the projected winner's party; "" when the lead is tied.
	Winner string
	// Tied lists the parties tied for the lead, when there is a tie.
	Tied []string
	// BaselineWinner is the baseline winner's party ("" if it was tied).
	BaselineWinner string
	// Majority is the winner's projected share minus the runner-up's, in
	// percentage points (0 when tied).
	Majority float64
}

// A ProjectedCandidate is one line of a projected contest.
type ProjectedCandidate struct {
	Candidate int // index into Contest.Candidates, or −1
	Party     string
	// Baseline and Share are percentages of the seat's valid votes.
	Baseline, Share float64
	Aggregate       bool
}

// Label names the line: the candidate's label or "(PARTY, projected)".
func (c ProjectedCandidate) Label(ct *election.Contest) string {
	if c.Candidate < 0 {
		return "(" + c.Party + ", projected)"
	}
	return ct.Candidates[c.Candidate].Label()
}

// Changed reports whether the seat changes hands.
func (s *SeatResult) Changed() bool {
	return s.Winner != "" && s.BaselineWinner != "" && s.Winner != s.BaselineWinner
}

// Notes returns what the projector assumed, for reports.
func (p *Projector) Notes() []string { return append([]string(nil), p.notes...) }

// Model returns the projector's model.
func (p *Projector) Model() Model { return p.model }

// Project computes the central projection.
func (p *Projector) Project() *Projection {
	w := p.newWork()
	p.eval(w)
	pr := &Projection{Model: p.model, Baseline: p.e, Targets: p.targets, Notes: p.Notes(), Majority: len(p.e.Contests)/2 + 1}
	seats := make([]int, len(p.parties))
	baseSeats := make([]int, len(p.parties))
	gains := make([]int, len(p.parties))
	losses := make([]int, len(p.parties))
	votes := make([]float64, len(p.parties))
	baseVotes := make([]float64, len(p.parties))
	scopeVotes := make([]float64, len(p.parties))
	var total, scopeTotal float64
	for k := range p.seats {
		s := &p.seats[k]
		c := &p.e.Contests[k]
		sr := SeatResult{Contest: c, Kept: s.area < 0, BaselineWinner: s.baseWinner}
		for l := s.l0; l < s.l1; l++ {
			ln := &p.lines[l]
			sr.Candidates = append(sr.Candidates, ProjectedCandidate{Candidate: ln.cand, Party: p.parties[ln.party].ID,
				Baseline: 100 * ln.base, Share: 100 * w.share[l], Aggregate: ln.aggregate})
			votes[ln.party] += w.share[l] * s.valid
			baseVotes[ln.party] += ln.base * s.valid
			if p.natSeats[k] {
				scopeVotes[ln.party] += w.share[l] * s.valid
			}
		}
		total += s.valid
		if p.natSeats[k] {
			scopeTotal += s.valid
		}
		sort.SliceStable(sr.Candidates, func(i, j int) bool { return sr.Candidates[i].Share > sr.Candidates[j].Share })
		best, tied := p.winner(s, w.share)
		switch {
		case best < 0:
		case tied:
			for l := s.l0; l < s.l1; l++ {
				if !p.lines[l].aggregate && w.share[l] == w.share[best] {
					sr.Tied = append(sr.Tied, p.parties[p.lines[l].party].ID)
				}
			}
			pr.Ties = append(pr.Ties, k)
		default:
			wp := p.lines[best].party
			sr.Winner = p.parties[wp].ID
			seats[wp]++
			second := -1.0
			for l := s.l0; l < s.l1; l++ {
				if l != best && !p.lines[l].aggregate && w.share[l] > second {
					second = w.share[l]
				}
			}
			if second < 0 {
				second = 0
			}
			sr.Majority = 100 * (w.share[best] - second)
			if sr.Changed() {
				gains[wp]++
				losses[p.index[s.baseWinner]]++
			}
		}
		if s.baseWinner != "" {
			baseSeats[p.index[s.baseWinner]]++
		}
		pr.Seats = append(pr.Seats, sr)
	}
	for i, pt := range p.parties {
		r := PartyResult{Party: pt, BaselineSeats: baseSeats[i], Seats: seats[i], Gains: gains[i], Losses: losses[i]}
		if total > 0 {
			r.Share, r.BaselineShare = 100*votes[i]/total, 100*baseVotes[i]/total
		}
		if scopeTotal > 0 {
			r.ScopeShare = 100 * scopeVotes[i] / scopeTotal
		}
		if v, ok := p.natShare[pt.ID]; ok {
			v := v
			r.Target = &v
		}
		pr.Parties = append(pr.Parties, r)
	}
	sort.SliceStable(pr.Parties, func(i, j int) bool {
		a, b := &pr.Parties[i], &pr.Parties[j]
		if a.Seats != b.Seats {
			return a.Seats > b.Seats
		}
		if a.BaselineSeats != b.BaselineSeats {
			return a.BaselineSeats > b.BaselineSeats
		}
		if a.BaselineShare != b.BaselineShare {
			return a.BaselineShare > b.BaselineShare
		}
		return a.Party.ID < b.Party.ID
	})
	return pr
}

// TargetTolerance is how close, in percentage points, every named party's
// projected share over the national target's contests must be to its
// target for a report to say the target is met. Uniform and proportional
// swing can miss it: negative shares are clipped to 0 and each seat
// rescaled to 100%.
const TargetTolerance = 0.05

// TargetGap is the largest difference, in percentage points, between a
// party's national target and its projected share over the contests the
// target covers (PartyResult.Target against ScopeShare); ok is false when
// no party has a national target.
func (pr *Projection) TargetGap() (gap float64, ok bool) {
	for _, p := range pr.Parties {
		if p.Target == nil {
			continue
		}
		ok = true
		gap = math.Max(gap, math.Abs(p.ScopeShare-*p.Target))
	}
	return gap, ok
}

// Marginals returns up to n projected seats (not kept, not tied) with the
// smallest majorities, smallest first (equal majorities in baseline order).
func (pr *Projection) Marginals(n int) []*SeatResult {
	var out []*SeatResult
	for i := range pr.Seats {
		s := &pr.Seats[i]
		if !s.Kept && s.Winner != "" {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Majority < out[j].Majority })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Changes returns the seats that change hands, in baseline order.
func (pr *Projection) Changes() []*SeatResult {
	var out []*SeatResult
	for i := range pr.Seats {
		if pr.Seats[i].Changed() {
			out = append(out, &pr.Seats[i])
		}
	}
	return out
}

// SeatsOf returns the projected seats of party (0 when unknown).
func (pr *Projection) SeatsOf(party string) int {
	for _, p := range pr.Parties {
		if p.Party.ID == party {
			return p.Seats
		}
	}
	return 0
}
