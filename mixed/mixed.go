package mixed

import (
	"fmt"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/plurality"
)

// A Party is one party's list in a region (or nationally), with the
// constituency seats it won there.
type Party struct {
	ID                string
	Votes             int64 // list (second, regional, party) votes
	ConstituencySeats int   // constituency seats won
	Coalition         bool  // a coalition list (see apportion.Threshold)
	// Max is the most list seats the list can take (1 for an individual
	// candidate standing on a regional list); 0 means no limit.
	Max int
}

// A Region is one area whose list seats top up its constituency seats: a
// Scottish Parliament or Senedd electoral region, London, a German Land.
type Region struct {
	Name string
	// ListSeats is the number of list (additional, top-up) seats.
	ListSeats int
	Parties   []Party
}

// Regions turns a party-votes table into regions: each district's Seats
// become its list seats, each list's ConstituencySeats its constituency
// seats.
func Regions(t *election.PartyVotes) []Region {
	out := make([]Region, len(t.Districts))
	for i, d := range t.Districts {
		out[i] = Region{Name: d.Name, ListSeats: d.Seats}
		for _, l := range d.Lists {
			out[i].Parties = append(out[i].Parties, Party{ID: l.Party, Votes: l.Votes, ConstituencySeats: l.ConstituencySeats, Coalition: l.Coalition})
		}
	}
	return out
}

// Seats are one party's seats in a region or in all.
type Seats struct {
	Party        string
	Votes        int64 // list votes
	Constituency int   // constituency seats held
	List         int   // list seats
	Total        int
}

// A RegionResult is one region's allocation.
type RegionResult struct {
	Name      string
	ListSeats int
	// List is the apportionment of the list seats (with each party's
	// constituency seats counted in its divisors where the system does).
	List    *apportion.Result
	Parties []Seats
}

// A Result is a mixed system's allocation: constituency plus list seats per
// party, nationally and by region.
type Result struct {
	// Parties in order of total seats, then votes, then ID.
	Parties []Seats
	Regions []RegionResult
	// Seats is the size of the house.
	Seats int
	// Pending list seats await a lot (see apportion.Tie).
	Pending int
}

// SeatsOf returns a party's total seats.
func (r *Result) SeatsOf(id string) int {
	for _, p := range r.Parties {
		if p.Party == id {
			return p.Total
		}
	}
	return 0
}

func (r *Result) add(region *RegionResult) {
	r.Regions = append(r.Regions, *region)
	r.Pending += region.List.Pending
	for _, s := range region.Parties {
		r.Seats += s.Total
		found := false
		for i := range r.Parties {
			if p := &r.Parties[i]; p.Party == s.Party {
				p.Votes += s.Votes
				p.Constituency += s.Constituency
				p.List += s.List
				p.Total += s.Total
				found = true
			}
		}
		if !found {
			r.Parties = append(r.Parties, s)
		}
	}
}

func (r *Result) sort() {
	election.SortByStanding(r.Parties, func(p *Seats) (int, int64, string) { return p.Total, p.Votes, p.Party })
}

// AMS is the additional member system of the Scottish Parliament (Scotland
// Act 1998 ss 6–8), the Senedd before 2026 (Government of Wales Act 2006
// ss 6–9) and the London Assembly (Greater London Authority Act 1999 s 4 and
// Sch. 2): in each region the list seats go one by one to the party with
// the highest "regional figure", its regional votes divided by one more
// than the seats it already holds in the region, constituency seats
// included (D'Hondt with the constituency seats in the first divisor). A
// party whose constituency seats exceed its share simply takes no list
// seats; the house size does not change. An individual candidate on the
// list (Party.Max = 1) drops out once elected.
type AMS struct {
	// Method is the divisor method (D'Hondt in all three laws).
	Method apportion.Divisor
	// Threshold applies in each region to its list votes (London: 5% of
	// the London-wide list votes, GLA Act 1999 Sch. 2); zero for Scotland
	// and Wales.
	Threshold apportion.Threshold
	// Ties: the Electoral Commission's guidance settles equal regional
	// figures by adding one vote, then by lot.
	Ties apportion.TieRule
}

// Allocate allocates each region's list seats. Errors: a region with no list
// seats or no parties, and those of apportion.Rule.Apportion.
func (a AMS) Allocate(regions []Region) (*Result, error) {
	return allocate(regions, apportion.Rule{Method: a.Method, Threshold: a.Threshold, Ties: a.Ties}, true)
}

// allocate apportions each region's list seats under rule, with the
// constituency seats counted in the divisors when counted (AMS) or not
// (parallel voting), and adds the constituency seats.
func allocate(regions []Region, rule apportion.Rule, counted bool) (*Result, error) {
	res := &Result{}
	for _, reg := range regions {
		if reg.ListSeats < 1 {
			return nil, fmt.Errorf("region %q: expected at least 1 list seat, found %d", reg.Name, reg.ListSeats)
		}
		ps := make([]apportion.Party, len(reg.Parties))
		for i, p := range reg.Parties {
			ps[i] = apportion.Party{ID: p.ID, Votes: p.Votes, ConstituencySeats: p.ConstituencySeats, Coalition: p.Coalition, Max: p.Max}
			if counted {
				ps[i].Start = p.ConstituencySeats
			}
		}
		r, err := rule.ApportionNamed(ps, reg.ListSeats, reg.Name)
		if err != nil {
			return nil, fmt.Errorf("region %q: %w", reg.Name, err)
		}
		rr := RegionResult{Name: reg.Name, ListSeats: reg.ListSeats, List: r}
		for i, p := range reg.Parties {
			rr.Parties = append(rr.Parties, Seats{Party: p.ID, Votes: p.Votes, Constituency: p.ConstituencySeats, List: r.Parties[i].Seats, Total: p.ConstituencySeats + r.Parties[i].Seats})
		}
		res.add(&rr)
	}
	res.sort()
	return res, nil
}

// Parallel is parallel voting (mixed-member majoritarian): the list seats
// are apportioned on the list votes alone, without regard to constituency
// seats, and added to them (e.g. Japan's House of Representatives, Lithuania).
type Parallel struct {
	// Rule apportions the list seats of each region.
	Rule apportion.Rule
}

// Allocate apportions each region's list seats and adds the constituency
// seats. Errors are those of AMS.Allocate.
func (p Parallel) Allocate(regions []Region) (*Result, error) {
	return allocate(regions, p.Rule, false)
}

// A Winner is a constituency's elected candidate.
type Winner struct {
	ContestID, Contest string
	// Region is the contest's region (German Land) for regional lists.
	Region    string
	Party     string
	Candidate string
	// Votes is the winner's votes and Valid the contest's valid votes: the
	// winner's share Votes/Valid ranks winners under second-vote coverage.
	Votes, Valid int64
}

// Winners lists the winners of plurality-counted contests, with each
// contest's area of the given kind as its region ("" for none). A contest
// whose seat awaits a lot is an error: its winner is not known.
func Winners(results []plurality.Result, regionKind string) ([]Winner, error) {
	var out []Winner
	for i := range results {
		r := &results[i]
		c := r.Contest
		if !r.Decided() {
			return nil, election.Errorf(c.Pos, "constituency %q: the seat awaits a lot between tied candidates; record the lot to allocate list seats", c.Name)
		}
		for _, k := range r.Elected {
			w := &c.Candidates[k]
			reg := ""
			if regionKind != "" {
				reg = c.Area(regionKind)
			}
			out = append(out, Winner{ContestID: c.ID, Contest: c.Name, Region: reg, Party: w.Party, Candidate: w.Label(), Votes: w.Votes, Valid: r.Valid})
		}
	}
	return out, nil
}
