package mixed_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/format/bundestag"
	"github.com/psephos/psephos/format/partyvotes"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/mixed"
	"github.com/psephos/psephos/plurality"
)

var fivePercent = apportion.Ratio{Num: 5, Den: 100}

// Case 28 (NZ Electoral Act 1993 s 191; the 2008 overhang): a party
// qualifies with 5% or one electorate; Sainte-Laguë over the nominal 20
// seats; list seats never negative; Moa's overhang enlarges the house to
// 21 and costs nobody a seat.
func TestCase28Overhang(t *testing.T) {
	dir := "28-mmp-overhang"
	p := datadir.Case(t, filepath.Join(dir, "mmp.csv"))
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := partyvotes.Read(f, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Nominal     int            `json:"nominal_seats"`
		Qualified   []string       `json:"qualified"`
		Excluded    []string       `json:"excluded"`
		Entitlement map[string]int `json:"entitlement"`
		List        map[string]int `json:"list_seats"`
		Total       map[string]int `json:"total_seats"`
		House       int            `json:"house_size"`
		Overhang    map[string]int `json:"overhang"`
	}
	b, err := os.ReadFile(datadir.Case(t, filepath.Join(dir, "expected.json")))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	nz := mixed.MMP{Method: apportion.SainteLague, Seats: exp.Nominal, Overhang: mixed.Kept,
		Threshold: apportion.Threshold{Share: fivePercent, Wins: 1}}
	r, err := nz.Allocate(tab, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.House != exp.House {
		t.Errorf("house %d, expected %d", r.House, exp.House)
	}
	for _, p := range r.Parties {
		if p.Entitlement != exp.Entitlement[p.Party] || p.List != exp.List[p.Party] || p.Total != exp.Total[p.Party] || p.Overhang != exp.Overhang[p.Party] {
			t.Errorf("%s: entitlement %d, list %d, total %d, overhang %d; expected %d, %d, %d, %d", p.Party,
				p.Entitlement, p.List, p.Total, p.Overhang, exp.Entitlement[p.Party], exp.List[p.Party], exp.Total[p.Party], exp.Overhang[p.Party])
		}
		want := false
		for _, q := range exp.Qualified {
			want = want || q == p.Party
		}
		if p.Qualified != want {
			t.Errorf("%s qualified=%v (%s), expected %v", p.Party, p.Qualified, p.Qualification, want)
		}
		if p.List < 0 {
			t.Errorf("%s has %d list seats", p.Party, p.List)
		}
	}

	// Levelling instead: the smallest house whose Sainte-Laguë shares cover
	// every party's electorates; one seat fewer would not.
	lev := nz
	lev.Overhang = mixed.Levelling
	l, err := lev.Allocate(tab, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Party("Moa").Total != 2 || l.House <= exp.House {
		t.Errorf("levelling: Moa %d seats in a house of %d; expected Moa 2 and a house above %d", l.Party("Moa").Total, l.House, exp.House)
	}
	var qual []apportion.Party
	for _, p := range l.Parties {
		if p.Qualified {
			qual = append(qual, apportion.Party{ID: p.Party, Votes: p.Votes})
		}
	}
	smaller, _ := apportion.Rule{Method: apportion.SainteLague}.Apportion(qual, l.House-1)
	if smaller.SeatsOf("Moa") >= 2 {
		t.Errorf("levelling: a house of %d already gives Moa 2 seats", l.House-1)
	}
	for _, p := range l.Parties {
		if p.Qualified && p.Total < p.Constituency {
			t.Errorf("levelling: %s has %d seats for %d electorates", p.Party, p.Total, p.Constituency)
		}
	}

	// Coverage instead: the house stays at 20 and Moa keeps one of its two
	// electorates.
	cov := nz
	cov.Overhang = mixed.Coverage
	winners := []mixed.Winner{
		{ContestID: "m1", Party: "Moa", Votes: 9000, Valid: 20000}, {ContestID: "m2", Party: "Moa", Votes: 8000, Valid: 20000},
		{ContestID: "k1", Party: "Kea", Votes: 10000, Valid: 20000},
	}
	c, err := cov.Allocate(tab, winners)
	if err != nil {
		t.Fatal(err)
	}
	if c.House != 20 || c.Party("Moa").Total != 1 || c.Winners[1].Seated || !c.Winners[0].Seated {
		t.Errorf("coverage: house %d, Moa %d, winners %+v; expected 20, Moa 1, m2 (the weaker share) not seated", c.House, c.Party("Moa").Total, c.Winners)
	}
	// Equal shares (9,000 of 20,000 and 4,500 of 10,000) for Moa's one
	// seat: a tie, pending without a rule (BWahlG §6(1): the lot), decided
	// with one; never by the order of the constituencies.
	winners[1].Votes, winners[1].Valid = 4500, 10000
	c, err = cov.Allocate(tab, winners)
	if err != nil {
		t.Fatal(err)
	}
	if c.Pending != 1 || len(c.Ties) != 1 || c.Winners[0].Seated || c.Winners[1].Seated || c.Party("Moa").List != 0 || c.House != 19 {
		t.Errorf("tied shares: pending %d, ties %+v, house %d, Moa %+v", c.Pending, c.Ties, c.House, c.Party("Moa"))
	}
	cov.Ties = apportion.TieRule{Steps: []apportion.TieStep{apportion.ByLot}, Seed: 3}
	c, err = cov.Allocate(tab, winners)
	if err != nil {
		t.Fatal(err)
	}
	if c.Pending != 0 || c.Winners[0].Seated == c.Winners[1].Seated || !c.Ties[0].Lot || c.Party("Moa").Total != 1 || c.House != 20 {
		t.Errorf("tied shares by lot: pending %d, winners %+v", c.Pending, c.Winners)
	}
}

// Germany 2025 under the 2023 law (Bundeswahlgesetz §§4–6; Die
// Bundeswahlleiterin's final result; ../shared/data/README.md): 630 seats
// by Sainte-Laguë among parties with 5% or three constituencies (SSW
// exempt); each party's seats to its Land lists by Sainte-Laguë; in each
// Land its constituency winners seated strongest first by first-vote share.
// Every constituency's coverage must equal the file's Zweitstimmendeckung,
// and 23 winners go unseated: CDU 15, AfD 4, CSU 3, SPD 1, Bremen I among
// them.
func TestBundestag2025Coverage(t *testing.T) {
	p := datadir.Path(t, "de/bundestag-2025/2025-02_gesamtergebnis.xml")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	de, err := bundestag.Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	results, err := plurality.CountElection(de.Constituencies, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	winners, err := mixed.Winners(results, "region")
	if err != nil {
		t.Fatal(err)
	}
	law := mixed.Bundestag2023()
	law.Ties = apportion.TieRule{Steps: []apportion.TieStep{apportion.ByLot}}
	r, err := law.Allocate(de.SecondVotes, winners)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"CDU": 164, "AfD": 152, "SPD": 120, "GRÜNE": 85, "Die Linke": 64, "CSU": 44, "SSW": 1}
	for _, p := range r.Parties {
		if p.Total != want[p.Party] {
			t.Errorf("%s: %d seats, officially %d", p.Party, p.Total, want[p.Party])
		}
	}
	if r.House != 630 || r.Pending != 0 {
		t.Errorf("house %d with %d pending, expected 630", r.House, r.Pending)
	}
	uncovered := map[string]int{}
	bremenI := false
	for _, w := range r.Winners {
		if pub := de.Direct[w.ContestID]; w.Seated != pub.Covered {
			t.Errorf("%s (%s, %s): seated=%v, published Zweitstimmendeckung=%v", w.Contest, w.Party, w.Region, w.Seated, pub.Covered)
		}
		if !w.Seated {
			uncovered[w.Party]++
			bremenI = bremenI || w.Contest == "Bremen I"
			if w.Why == "" {
				t.Errorf("%s: not seated, with no reason given", w.Contest)
			}
		}
	}
	for p, n := range map[string]int{"CDU": 15, "AfD": 4, "CSU": 3, "SPD": 1} {
		if uncovered[p] != n {
			t.Errorf("%s: %d uncovered winners, expected %d", p, uncovered[p], n)
		}
	}
	if !bremenI {
		t.Errorf("Bremen I's winner is seated; the official result leaves it uncovered")
	}
}

// London Assembly 2021 (GLA Act 1999 Sch. 2; House of Commons Library
// briefing CBP-9231, Appendix IV, London-wide list votes; final Assembly:
// Labour 11, Conservative 9, Green 3, Liberal Democrat 2): constituencies
// Labour 9, Conservative 5; the 11 London-wide seats by D'Hondt with the
// constituency seats in the divisors. Every other list polled under the 5%
// threshold and is left out here.
func TestLondonAssembly2021(t *testing.T) {
	london := mixed.AMS{Method: apportion.DHondt, Threshold: apportion.Threshold{Share: fivePercent}}
	r, err := london.Allocate([]mixed.Region{{Name: "London", ListSeats: 11, Parties: []mixed.Party{
		{ID: "Lab", Votes: 986609, ConstituencySeats: 9}, {ID: "Con", Votes: 795081, ConstituencySeats: 5},
		{ID: "Green", Votes: 305452}, {ID: "LD", Votes: 189622},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range map[string]int{"Lab": 11, "Con": 9, "Green": 3, "LD": 2} {
		if r.SeatsOf(id) != n {
			t.Errorf("%s: %d seats, officially %d", id, r.SeatsOf(id), n)
		}
	}
	if r.Seats != 25 {
		t.Errorf("%d seats, expected 25", r.Seats)
	}
	// The first list seat goes to the Greens (305,452/1), before Labour's
	// 986,609/10.
	first := r.Regions[0].List.Awards[0]
	if r.Regions[0].List.Parties[first.Party].ID != "Green" || r.Regions[0].List.Divisor(first) != "1" {
		t.Errorf("first list seat: %+v", first)
	}
}

// Parallel voting adds list seats apportioned without regard to
// constituency seats: 10 list seats by D'Hondt over 6,000/3,000/1,000
// votes give 6/3/1 whatever the constituency seats.
func TestParallel(t *testing.T) {
	r, err := mixed.Parallel{Rule: apportion.Rule{Method: apportion.DHondt}}.Allocate([]mixed.Region{{Name: "all", ListSeats: 10, Parties: []mixed.Party{
		{ID: "A", Votes: 6000, ConstituencySeats: 8}, {ID: "B", Votes: 3000, ConstituencySeats: 2}, {ID: "C", Votes: 1000},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range map[string]int{"A": 14, "B": 5, "C": 1} {
		if r.SeatsOf(id) != n {
			t.Errorf("%s: %d seats, expected %d", id, r.SeatsOf(id), n)
		}
	}
}

// The German 2025 allocation under the 2023 law, from the file read once:
// the federal apportionment, 7 parties' distributions over the Länder and
// the coverage of 299 constituency winners.
func BenchmarkBundestag2025Coverage(b *testing.B) {
	p := datadir.Path(b, "de/bundestag-2025/2025-02_gesamtergebnis.xml")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	de, err := bundestag.Read(f, p)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	results, _ := plurality.CountElection(de.Constituencies, plurality.TieBreak{})
	winners, _ := mixed.Winners(results, "region")
	law := mixed.Bundestag2023()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := law.Allocate(de.SecondVotes, winners); err != nil {
			b.Fatal(err)
		}
	}
}
