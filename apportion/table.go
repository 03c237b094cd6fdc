package apportion

import (
	"errors"
	"fmt"

	"github.com/psephos/psephos/election"
)

// An Apportionment is a party-votes table apportioned under one rule:
// nationwide (one apportionment of the parties' total votes) or district by
// district (each district's seats among its lists), with each party's
// total.
type Apportionment struct {
	Rule Rule
	// ByDistrict is true when each district was apportioned separately.
	ByDistrict bool
	// Seats is the number of seats apportioned in all.
	Seats int
	// Parties are the national totals, in the table's order of parties.
	Parties []PartyTotal
	// Districts are the apportionments: one named after the table when
	// nationwide.
	Districts []DistrictResult
	// Pending and Vacant seats over all districts (see Result).
	Pending, Vacant int
}

// A DistrictResult is one district's apportionment.
type DistrictResult struct {
	ID, Name string
	*Result
}

// A PartyTotal is one party's national votes and seats.
type PartyTotal struct {
	Party election.Party
	// Votes nationally (votes).
	Votes int64
	// Qualified and Qualification: the national threshold's verdict, or,
	// with a district threshold, whether it qualified in any district.
	Qualified     bool
	Qualification string
	// Seats won in all districts.
	Seats int
	// OfficialSeats as the source gives them, or -1.
	OfficialSeats int
}

// ErrNoSeats is the error ApportionTable returns, wrapped, when it is asked
// to apportion nationwide the seats the table gives and the table gives
// none: the caller must say how many seats there are.
var ErrNoSeats = errors.New("expected the number of seats (at least 1): the input does not give it")

// ApportionTable apportions a party-votes table. Nationwide (byDistrict
// false) the parties' totals share seats (the table's total seats when
// seats is 0). By district, each district shares its own seats, which the
// table must give (seats must then be 0 or equal their sum); a national
// threshold is decided on the national totals, a District threshold in each
// district. Errors are those of Rule.Apportion and of the table's Validate;
// a district with no seats (by district); ErrNoSeats (nationwide, seats 0
// and none in the table); more than MaxSeats seats in a district or in
// all; and an exempt party or a party of the tie order that is not in the
// table, or a Wins route when no list has constituency seats.
func (r Rule) ApportionTable(t *election.PartyVotes, seats int, byDistrict bool) (*Apportionment, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	for i := range t.Districts {
		if d := &t.Districts[i]; d.Seats > MaxSeats {
			return nil, &election.Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q has %d seats; expected at most %d", d.Name, d.Seats, MaxSeats)}
		}
	}
	if sum := t.Seats(); sum > MaxSeats {
		return nil, fmt.Errorf("the districts give %d seats in all; expected at most %d", sum, MaxSeats)
	}
	a := &Apportionment{Rule: r, ByDistrict: byDistrict}
	totals := t.Totals()
	ids := make([]string, len(totals))
	wins := 0
	for i, l := range totals {
		ids[i] = l.Party
		wins += l.ConstituencySeats
	}
	if err := r.CheckNames(ids); err != nil {
		return nil, err
	}
	if r.Threshold.Wins > 0 && wins == 0 {
		return nil, fmt.Errorf("the threshold's route by %d constituency seat(s) needs each party's constituency seats, and the input gives none", r.Threshold.Wins)
	}
	index := make(map[string]int, len(totals))
	for i, l := range totals {
		index[l.Party] = i
		a.Parties = append(a.Parties, PartyTotal{Party: t.Party(l.Party), Votes: l.Votes, OfficialSeats: l.OfficialSeats})
	}
	toParty := func(l election.List) Party {
		return Party{ID: l.Party, Votes: l.Votes, ConstituencySeats: l.ConstituencySeats, Coalition: l.Coalition}
	}
	if !byDistrict {
		if r.Threshold.District && len(t.Districts) > 1 {
			return nil, fmt.Errorf("a district threshold needs the apportionment by district")
		}
		if seats == 0 {
			seats = t.Seats()
		}
		if seats < 1 {
			return nil, ErrNoSeats
		}
		ps := make([]Party, len(totals))
		for i, l := range totals {
			ps[i] = toParty(l)
		}
		res, err := r.apportion(ps, seats, t.Name, nil)
		if err != nil {
			return nil, err
		}
		a.Seats = seats
		a.Districts = []DistrictResult{{ID: t.Name, Name: t.Name, Result: res}}
		for i := range res.Parties {
			p := &a.Parties[i]
			p.Seats, p.Qualified, p.Qualification = res.Parties[i].Seats, res.Parties[i].Qualified, res.Parties[i].Qualification
		}
		a.Pending, a.Vacant = res.Pending, res.Vacant
		return a, nil
	}
	sum := t.Seats()
	for i := range t.Districts {
		if d := &t.Districts[i]; d.Seats < 1 {
			return nil, &election.Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q has no seats: expected the seats of every district to apportion by district", d.Name)}
		}
	}
	if seats != 0 && seats != sum {
		return nil, fmt.Errorf("--seats %d differs from the %d seats the districts give; leave it out to use the districts' seats", seats, sum)
	}
	a.Seats = sum
	// A national threshold is decided once, on the national totals.
	var national []PartyResult
	if !r.Threshold.District {
		var all int64
		for _, l := range totals {
			all += l.Votes
		}
		national = make([]PartyResult, len(totals))
		words := r.Threshold.words()
		for i, l := range totals {
			p := toParty(l)
			national[i].Qualified, national[i].Qualification = r.Threshold.qualify(&p, all, words)
			a.Parties[i].Qualified, a.Parties[i].Qualification = national[i].Qualified, national[i].Qualification
		}
	}
	for i := range t.Districts {
		d := &t.Districts[i]
		ps := make([]Party, len(d.Lists))
		var q []PartyResult
		if national != nil {
			q = make([]PartyResult, len(d.Lists))
		}
		for j, l := range d.Lists {
			ps[j] = toParty(l)
			if q != nil {
				q[j] = national[index[l.Party]]
			}
		}
		res, err := r.apportion(ps, d.Seats, d.ID, q)
		if err != nil {
			return nil, &election.Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q: %v", d.Name, err)}
		}
		a.Districts = append(a.Districts, DistrictResult{ID: d.ID, Name: d.Name, Result: res})
		a.Pending += res.Pending
		a.Vacant += res.Vacant
		for j := range res.Parties {
			p := &a.Parties[index[res.Parties[j].ID]]
			p.Seats += res.Parties[j].Seats
			if national == nil && res.Parties[j].Qualified {
				p.Qualified, p.Qualification = true, "qualified in at least one district"
			}
		}
	}
	if national == nil {
		for i := range a.Parties {
			if !a.Parties[i].Qualified {
				a.Parties[i].Qualification = "qualified in no district"
			}
		}
	}
	return a, nil
}

// CheckNames checks that every party the rule names — exempt from the
// threshold, or in the tie-break order — is one of ids, the parties being
// apportioned, so that a misspelt name is an error instead of a rule that
// silently never applies. The error names the unknown party and lists ids.
func (r Rule) CheckNames(ids []string) error {
	known := make(map[string]bool, len(ids))
	for _, id := range ids {
		known[id] = true
	}
	for _, x := range []struct {
		what  string
		names []string
	}{{"exempt from the threshold", r.Threshold.Exempt}, {"in the tie-break order", r.Ties.Order}} {
		for _, n := range x.names {
			if !known[n] {
				return fmt.Errorf("party %q, %s, is not among the parties; expected one of: %s", n, x.what, election.ListNames(ids, 40))
			}
		}
	}
	return nil
}
