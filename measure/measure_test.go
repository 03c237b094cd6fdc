package measure_test

import (
	"math"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/plurality"
)

func load(t testing.TB, rel string) (*election.Election, []plurality.Result) {
	t.Helper()
	e, _, err := format.ReadResultsFile(datadir.Path(t, rel), format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	return e, rs
}

func seats(s measure.Summary) map[string]int {
	out := map[string]int{}
	for _, p := range s.Parties {
		if p.Seats > 0 {
			out[p.Party.ID] = p.Seats
		}
	}
	return out
}

func checkSeats(t *testing.T, got, want map[string]int) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %d seats, want %d", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %d seats, want none", k, v)
		}
	}
}

// 2024 seats (official; ../shared/data/README.md, House of Commons Library
// CBP-10009).
var seats2024 = map[string]int{"Lab": 411, "Con": 121, "LD": 72, "SNP": 9, "SF": 7, "Ind": 6, "RUK": 5, "DUP": 5,
	"Green": 4, "PC": 4, "SDLP": 2, "Spk": 1, "APNI": 1, "TUV": 1, "UUP": 1}

// The must-show facts for 2024, from the Library's candidate file.
// Official (README): seats above; valid votes 28,809,340; Lab 9,708,716
// (33.70%), Con 6,828,925, RUK 4,117,610 (14.29%), LD 3,519,143, Green
// 1,944,501, SNP 724,758. Derived from the file (README): RUK second in 98;
// 554 of 650 MPs under half the valid votes; 57.8% of valid votes for
// candidates not elected; smallest majority Hendon 15; Gallagher 23.70 with
// the file's party abbreviations (independents one group).
func TestUK2024(t *testing.T) {
	e, rs := load(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	s := measure.Summarize(e, rs)
	checkSeats(t, seats(s), seats2024)
	if s.ValidVotes != 28809340 || s.Seats != 650 || s.SeatsDecided != 650 || s.Contests != 650 {
		t.Errorf("valid %d seats %d decided %d contests %d", s.ValidVotes, s.Seats, s.SeatsDecided, s.Contests)
	}
	for id, v := range map[string]int64{"Lab": 9708716, "Con": 6828925, "RUK": 4117610, "LD": 3519143, "Green": 1944501, "SNP": 724758} {
		if p := s.Party(id); p == nil || p.Votes != v {
			t.Errorf("%s votes = %v, want %d", id, p, v)
		}
	}
	ruk, lab := s.Party("RUK"), s.Party("Lab")
	if ruk.Places[1] != 98 {
		t.Errorf("RUK second places = %d, want 98", ruk.Places[1])
	}
	if math.Round(ruk.VoteShare*100) != 1429 || math.Round(lab.VoteShare*100) != 3370 {
		t.Errorf("shares RUK %.4f Lab %.4f, want 14.29 and 33.70", ruk.VoteShare, lab.VoteShare)
	}
	// Votes per seat: 4,117,610 / 5 = 823,522; 9,708,716 / 411 = 23,622.2.
	if ruk.VotesPerSeat != 823522 || math.Round(lab.VotesPerSeat) != 23622 {
		t.Errorf("votes per seat RUK %.1f Lab %.1f", ruk.VotesPerSeat, lab.VotesPerSeat)
	}
	if s.MinorityWinners != 554 || s.SingleSeat != 650 {
		t.Errorf("minority winners %d of %d, want 554 of 650", s.MinorityWinners, s.SingleSeat)
	}
	if math.Round(s.UnelectedShare()*10) != 578 {
		t.Errorf("unelected share %.3f, want 57.8", s.UnelectedShare())
	}
	if m := s.SmallestMajority; m == nil || m.Contest != "Hendon" || m.Votes != 15 || m.Party != "Lab" {
		t.Errorf("smallest majority %+v, want Hendon 15", m)
	}
	if math.Round(s.Indices.Gallagher*100) != 2370 {
		t.Errorf("Gallagher %.4f, want 23.70", s.Indices.Gallagher)
	}
	// Every valid vote is either for an elected candidate or not; wasted
	// parts add up to the whole.
	var elected int64
	for _, p := range s.Parties {
		elected += p.Votes - p.UnelectedVotes
	}
	if elected+s.UnelectedVotes != s.ValidVotes || s.PendingVotes != 0 {
		t.Errorf("elected %d + unelected %d != valid %d", elected, s.UnelectedVotes, s.ValidVotes)
	}
}

// The Library's two files give the same national result: seats for every
// party, votes for every party column, valid votes, the indices' seat side,
// and second places (the constituency file names each runner-up).
func TestCandidateAndConstituencyFilesAgree(t *testing.T) {
	ec, rc := load(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	ek, rk := load(t, "uk/ge2024/HoC-GE2024-results-by-constituency.csv")
	a, b := measure.Summarize(ec, rc), measure.Summarize(ek, rk)
	checkSeats(t, seats(b), seats(a))
	if a.ValidVotes != b.ValidVotes || a.MinorityWinners != b.MinorityWinners || *a.SmallestMajority != *b.SmallestMajority {
		t.Errorf("valid %d/%d minority %d/%d smallest %+v/%+v", a.ValidVotes, b.ValidVotes, a.MinorityWinners, b.MinorityWinners, a.SmallestMajority, b.SmallestMajority)
	}
	for _, id := range []string{"Con", "Lab", "LD", "RUK", "Green", "SNP", "PC", "DUP", "SF", "SDLP", "UUP", "APNI"} {
		pa, pb := a.Party(id), b.Party(id)
		if pa.Votes != pb.Votes || pa.Places[0] != pb.Places[0] || pa.Places[1] != pb.Places[1] {
			t.Errorf("%s: candidate file %d votes, places %v; constituency file %d, %v", id, pa.Votes, pa.Places, pb.Votes, pb.Places)
		}
	}
	for _, id := range []string{"Ind", "WPB"} {
		if a.Party(id).Places[1] != b.Party(id).Places[1] {
			t.Errorf("%s second places %d / %d", id, a.Party(id).Places[1], b.Party(id).Places[1])
		}
	}
	// Per constituency, the same winner and majority.
	for i := range rc {
		if rc[i].Contest.ID != rk[i].Contest.ID || rc[i].Winner().Party != rk[i].Winner().Party || rc[i].Majority != rk[i].Majority {
			t.Errorf("%s: %s by %d / %s by %d", rc[i].Contest.Name, rc[i].Winner().Party, rc[i].Majority, rk[i].Winner().Party, rk[i].Majority)
		}
	}
}

// 2019 (official, README; CBP-8749): Con 365 (13,966,454), Lab 202
// (10,269,051), SNP 48, LD 11 (3,696,419), DUP 8, SF 7, PC 4, SDLP 2,
// Green 1, Speaker 1, APNI 1; valid 32,014,110.
func TestUK2019(t *testing.T) {
	e, rs := load(t, "uk/ge2019/HoC-GE2019-results-by-candidate.csv")
	s := measure.Summarize(e, rs)
	checkSeats(t, seats(s), map[string]int{"Con": 365, "Lab": 202, "SNP": 48, "LD": 11, "DUP": 8, "SF": 7, "PC": 4, "SDLP": 2, "Green": 1, "Spk": 1, "APNI": 1})
	if s.ValidVotes != 32014110 || s.Party("Con").Votes != 13966454 || s.Party("Lab").Votes != 10269051 || s.Party("LD").Votes != 3696419 {
		t.Errorf("valid %d Con %d Lab %d LD %d", s.ValidVotes, s.Party("Con").Votes, s.Party("Lab").Votes, s.Party("LD").Votes)
	}
	_, rk := load(t, "uk/ge2019/HoC-GE2019-results-by-constituency.csv")
	checkSeats(t, seats(measure.Summarize(e, rk)), seats(s))
}

// Notional 2019 on the 2024 boundaries (README): Con 372, Lab 200, SNP 48,
// LD 8, DUP 8, SF 7, SDLP 2, PC 2, Green 1, APNI 1, Speaker 1.
func TestNotional2019(t *testing.T) {
	e, rs := load(t, "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv")
	checkSeats(t, seats(measure.Summarize(e, rs)), map[string]int{"Con": 372, "Lab": 200, "SNP": 48, "LD": 8, "DUP": 8, "SF": 7, "SDLP": 2, "PC": 2, "Green": 1, "APNI": 1, "Spk": 1})
}

func TestByNation2024(t *testing.T) {
	e, rs := load(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	got := map[string]int{}
	total := 0
	for _, s := range measure.ByArea(e, rs, election.Nation) {
		got[s.Area] = s.Seats
		total += s.SeatsDecided
	}
	// Official: England 543, Scotland 57, Wales 32, Northern Ireland 18.
	want := map[string]int{"England": 543, "Scotland": 57, "Wales": 32, "Northern Ireland": 18}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s %d, want %d", k, got[k], v)
		}
	}
	if total != 650 || len(got) != 4 {
		t.Errorf("areas %v", got)
	}
	regions := measure.ByArea(e, rs, election.Region)
	if len(regions) != 12 {
		t.Errorf("%d regions, want 12", len(regions))
	}
}

// Indices on a worked example: votes 60/40, seats 1/0. Gallagher
// sqrt(½(40²+40²)) = 40; Loosemore–Hanby ½(40+40) = 40; Sainte-Laguë
// 40²/60 + 40²/40 = 66.67; ENP by votes 1/(0.36+0.16) = 1.923, by seats 1.
func TestIndicesWorkedExample(t *testing.T) {
	ix := measure.ComputeIndices([]int64{60, 40}, []int{1, 0})
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(ix.Gallagher, 40) || !near(ix.LoosemoreHanby, 40) || !near(ix.SainteLague, 1600.0/60+1600.0/40) ||
		!near(ix.ENPVotes, 1/0.52) || !near(ix.ENPSeats, 1) {
		t.Errorf("%+v", ix)
	}
	// Perfect proportionality: all zero.
	ix = measure.ComputeIndices([]int64{500, 300, 200}, []int{5, 3, 2})
	if !near(ix.Gallagher, 0) || !near(ix.LoosemoreHanby, 0) || !near(ix.SainteLague, 0) || !near(ix.ENPVotes, ix.ENPSeats) {
		t.Errorf("%+v", ix)
	}
}

func TestExplainReform2024(t *testing.T) {
	e, rs := load(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	d, err := measure.Explain(e, rs, "reform uk")
	if err != nil {
		t.Fatal(err)
	}
	// README: RUK won 5 seats and came second in 98.
	if len(d.Won) != 5 || len(d.Second) != 98 || len(d.Lost)+len(d.Won) != d.Summary.Candidates {
		t.Errorf("won %d second %d lost %d of %d", len(d.Won), len(d.Second), len(d.Lost), d.Summary.Candidates)
	}
	for i := 1; i < len(d.Lost); i++ {
		if d.Lost[i].Swing < d.Lost[i-1].Swing {
			t.Fatal("misses not nearest first")
		}
	}
	// Sittingbourne and Sheppey (CBP-10009 file): Lab 11,919, Con 11,564,
	// RUK 10,512, third. With 821 switchers RUK has 11,333, and cutting Lab
	// and Con to 11,332 takes 587 + 232 = 819 of them (2 more may come from
	// anyone); with 820, RUK's 11,332 needs 588 + 233 = 821 > 820. So 821,
	// not the 704 that half the gap to the winner would suggest.
	var sit *measure.Standing
	for i := range d.Lost {
		if d.Lost[i].Contest == "Sittingbourne and Sheppey" {
			sit = &d.Lost[i]
		}
	}
	if sit == nil || sit.Position != 3 || sit.Gap != 1407 {
		t.Fatalf("Sittingbourne %+v", sit)
	}
	if sit.Switchers != 821 {
		t.Errorf("Sittingbourne switchers %d, want 821", sit.Switchers)
	}
	// A second place: floor(gap/2)+1, i.e. the two-party swing.
	n := d.Second[0]
	if n.Gap != n.OpponentVotes-n.Votes || n.Switchers != n.Gap/2+1 {
		t.Errorf("nearest second place %+v", n)
	}
	if _, err := measure.Explain(e, rs, "Monster Raving"); err == nil {
		t.Error("unknown party accepted")
	}
}

// BenchmarkUK2024 reads, counts and measures the 2024 candidate file.
func BenchmarkUK2024(b *testing.B) {
	p := datadir.Path(b, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	b.ReportAllocs()
	for b.Loop() {
		e, _, err := format.ReadResultsFile(p, format.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rs, err := plurality.CountElection(e, plurality.TieBreak{})
		if err != nil {
			b.Fatal(err)
		}
		measure.Summarize(e, rs)
	}
}
