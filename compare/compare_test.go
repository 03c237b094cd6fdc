package compare_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/hoc"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

// The UK 2024 general election (House of Commons Library CBP-10009; the
// data README): 650 seats, Lab 411 under FPTP, Gallagher 23.70 with
// parties grouped as the Party abbreviation column groups them. Every
// system fills all 650 seats; the regional systems keep each nation's and
// region's seats.
func TestUK2024(t *testing.T) {
	p := datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := hoc.Candidates(f, p)
	if err != nil {
		t.Fatal(err)
	}
	results, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	var systems []compare.System
	for _, s := range []string{"fptp", "dhondt@region", "sainte-lague", "ams@region", "parallel@region", "hare@nation", "parallel:hare@region", "ams:sainte-lague@nation"} {
		sys, err := compare.ParseSystem(s)
		if err != nil {
			t.Fatal(err)
		}
		systems = append(systems, sys)
	}
	if ind := compare.Individuals(e); !slices.Equal(ind, []string{"Ind", "Spk"}) {
		t.Errorf("individuals %v, expected Ind and Spk", ind)
	}
	c, err := compare.Run(e, results, systems, compare.Options{ListShare: apportion.Ratio{Num: 2, Den: 5}, Independents: compare.Individuals(e), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.Seats != 650 || c.Valid != 28809340 {
		t.Errorf("%d seats, %d valid votes; expected 650 and 28,809,340", c.Seats, c.Valid)
	}
	seats := func(o compare.Outcome, id string) int {
		for i, p := range c.Parties {
			if p.Party.ID == id {
				return o.Seats[i]
			}
		}
		return 0
	}
	for _, o := range c.Outcomes {
		if o.Total != 650 || o.Pending != 0 {
			t.Errorf("%s: %d seats (%d pending), expected 650", o.System.Spec, o.Total, o.Pending)
		}
		if o.Description == "" || o.Label == "" {
			t.Errorf("%s: no label or description", o.System.Spec)
		}
		// The Speaker is one person: one seat at most, whatever the system
		// (parallel:hare@region once gave "Spk" a constituency and a list
		// seat).
		if n := seats(o, "Spk"); n > 1 {
			t.Errorf("%s: the Speaker holds %d seats", o.System.Spec, n)
		}
		t.Logf("%-18s Lab %3d Con %3d LD %3d RUK %3d Green %3d SNP %2d  Gallagher %.2f  %s", o.Label, seats(o, "Lab"), seats(o, "Con"), seats(o, "LD"), seats(o, "RUK"), seats(o, "Green"), seats(o, "SNP"), o.Indices.Gallagher, o.Notes)
	}
	fptp := c.Outcomes[0]
	if seats(fptp, "Lab") != 411 || seats(fptp, "Con") != 121 || seats(fptp, "Ind") != 6 {
		t.Errorf("FPTP: Lab %d, Con %d, Ind %d; officially 411, 121, 6", seats(fptp, "Lab"), seats(fptp, "Con"), seats(fptp, "Ind"))
	}
	if g := fptp.Indices.Gallagher; g < 23.695 || g >= 23.705 {
		t.Errorf("FPTP Gallagher %.4f, expected 23.70", g)
	}
	// Nationwide Sainte-Laguë is close to proportional: Reform UK's 14.29%
	// of the votes is worth about 93 of 650 seats.
	sl := c.Outcomes[2]
	if n := seats(sl, "RUK"); n < 90 || n > 96 {
		t.Errorf("Sainte-Laguë: RUK %d seats; expected about 14.29%% of 650", n)
	}
	if sl.Indices.Gallagher > 3 || sl.Indices.Gallagher >= fptp.Indices.Gallagher {
		t.Errorf("Sainte-Laguë Gallagher %.2f, not far below FPTP's %.2f", sl.Indices.Gallagher, fptp.Indices.Gallagher)
	}
	if len(fptp.Largest) != 1 || fptp.Largest[0] != "Lab" {
		t.Errorf("largest party under FPTP: %v", fptp.Largest)
	}
	// Regional seats are kept: D'Hondt in Wales fills its 32 seats (data
	// README: Wales 32 of 650), and so does every other system there.
	wales := &election.Election{Name: "Wales", Parties: e.Parties}
	var wr []plurality.Result
	for i := range results {
		if results[i].Contest.Area(election.Nation) == "Wales" {
			wales.Contests = append(wales.Contests, *results[i].Contest)
			wr = append(wr, results[i])
		}
	}
	w, err := compare.Run(wales, wr, systems, compare.Options{ListShare: apportion.Ratio{Num: 2, Den: 5}, Independents: compare.Individuals(wales), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if w.Seats != 32 {
		t.Errorf("Wales: %d seats, expected 32", w.Seats)
	}
	for _, o := range w.Outcomes {
		if o.Total != 32 || o.Pending != 0 {
			t.Errorf("Wales, %s: %d seats (%d pending), expected 32", o.System.Spec, o.Total, o.Pending)
		}
	}
	if o := w.Outcomes[1]; seats(o, "Lab") == 0 || o.System.Spec != "dhondt@region" {
		t.Errorf("Wales, %s: Lab %d seats", o.System.Spec, seats(o, "Lab"))
	}
}

// Under largest remainder an individual keeps one seat and is excluded
// (Hare over 2 seats, hand-worked below).
func TestIndividualLimitedUnderLargestRemainder(t *testing.T) {
	e := &election.Election{Name: "t", Contests: []election.Contest{
		{ID: "1", Name: "One", Seats: 1, Electorate: election.Unknown, Invalid: election.Unknown, Candidates: []election.Candidate{{Name: "Ivy", Party: "Ind", Votes: 800}, {Name: "Rob", Party: "Red", Votes: 200}}},
		{ID: "2", Name: "Two", Seats: 1, Electorate: election.Unknown, Invalid: election.Unknown, Candidates: []election.Candidate{{Name: "Ian", Party: "Ind", Votes: 700}, {Name: "Ray", Party: "Red", Votes: 300}}},
	}}
	results, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	hare, _ := compare.ParseSystem("hare")
	// Both independents are separate people: 1,500 votes between two
	// one-person lists (800 and 700) against Red's 500 — Hare quota 1,000:
	// no whole quotas; remainders 0.8, 0.7, 0.5 give Ivy and Ian a seat each.
	c, err := compare.Run(e, results, []compare.System{hare}, compare.Options{Independents: []string{"Ind"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Outcomes[0].Seats; got[0] != 2 || got[1] != 0 {
		t.Errorf("two independents: seats %v, expected Ind 2, Red 0", got)
	}
	// One two-seat contest: Ivy's 1,500 of 2,000 votes are 1.5 Hare quotas
	// against Red's 0.5; she would take both seats, keeps one, and Red
	// takes the other.
	e.Contests = e.Contests[:1]
	e.Contests[0].Seats = 2
	e.Contests[0].Candidates = []election.Candidate{{Name: "Ivy", Party: "Ind", Votes: 1500}, {Name: "Rob", Party: "Red", Votes: 500}}
	results, err = plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	c, err = compare.Run(e, results, []compare.System{hare}, compare.Options{Independents: []string{"Ind"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Outcomes[0].Seats; got[0] != 1 || got[1] != 1 || len(c.Outcomes[0].Notes) != 1 || !strings.Contains(c.Outcomes[0].Notes[0], "would have won more than one seat") {
		t.Errorf("one independent: seats %v, notes %v; expected Ind 1, Red 1 and a note", got, c.Outcomes[0].Notes)
	}
	if _, err := compare.Run(e, results, []compare.System{hare}, compare.Options{Independents: []string{"Foo"}}); err == nil || !strings.Contains(err.Error(), `independent "Foo": no candidate of that party stands; expected party IDs such as Ind, Red`) {
		t.Errorf("unknown independent: %v", err)
	}
}

func TestParseSystem(t *testing.T) {
	for _, s := range []string{"", "fptp@region", "ams:hare@region", "borda", "dhondt@", "modified-sainte-lague:0"} {
		if _, err := compare.ParseSystem(s); err == nil {
			t.Errorf("ParseSystem(%q): no error", s)
		}
	}
	s, err := compare.ParseSystem("modified-sainte-lague:1.4@region")
	if err != nil || s.Kind != compare.List || s.Scope != "region" || s.Method.Name() != "modified-sainte-lague" {
		t.Errorf("%+v, %v", s, err)
	}
}

// The four default systems on the UK 2024 results, read and counted once.
func BenchmarkUK2024(b *testing.B) {
	p := datadir.Path(b, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	e, err := hoc.Candidates(f, p)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	results, _ := plurality.CountElection(e, plurality.TieBreak{})
	var systems []compare.System
	for _, s := range []string{"fptp", "dhondt@region", "sainte-lague", "ams@region"} {
		sys, _ := compare.ParseSystem(s)
		systems = append(systems, sys)
	}
	opt := compare.Options{ListShare: apportion.Ratio{Num: 2, Den: 5}, Independents: compare.Individuals(e), Seed: 1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compare.Run(e, results, systems, opt); err != nil {
			b.Fatal(err)
		}
	}
}
