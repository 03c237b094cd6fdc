package stv_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/stv"
)

// surnames lists the elected candidates by the last word of their names.
func surnames(p *ballot.Profile, ks []int) []string {
	var out []string
	for _, k := range ks {
		f := strings.Fields(p.Candidates[k])
		out = append(out, f[len(f)-1])
	}
	return out
}

// Irish Dáil 2002, electronic-voting pilot (ranked/ireland-2002; data
// README, secondary: elected Sargent, Ryan, Glennon, Wright in Dublin
// North and Higgins, Lenihan, Burton in Dublin West). Counted under the
// Electoral Act 1992 with papers in the order of the file.
func TestIreland2002(t *testing.T) {
	for _, c := range []struct {
		file  string
		seats int
		want  []string
	}{
		{"ranked/ireland-2002/dnorth.txt", 4, []string{"Sargent", "Ryan", "Glennon", "Wright"}},
		{"ranked/ireland-2002/DublinWest.txt", 3, []string{"Higgins", "Lenihan", "Burton"}},
	} {
		p := read(t, c.file, format.BallotOptions{})
		r := preset(t, "ireland")
		r.Seats = c.seats
		res := countRule(t, p, r)
		got := map[string]bool{}
		for _, k := range res.Elected {
			got[strings.ToUpper(p.Candidates[k])] = true
		}
		var miss []string
		for _, w := range c.want {
			found := false
			// The file names candidates by four-letter codes ("Sarg").
			for n := range got {
				if strings.HasPrefix(strings.ToUpper(w), n) {
					found = true
				}
			}
			if !found {
				miss = append(miss, w)
			}
		}
		if len(miss) > 0 || len(res.Elected) != c.seats {
			t.Errorf("%s: elected %v; missing %v", c.file, names(p, res.Elected), miss)
		}
		// Whole papers: every total is a whole number of votes.
		for _, st := range res.Stages {
			for k, v := range st.Votes {
				if v.Decimal(0) != v.String() {
					t.Fatalf("%s stage %d: %s has %s votes, not whole", c.file, st.Number, p.Candidates[k], v)
				}
			}
		}
	}
}

// Minneapolis 2013 Park Board (3 seats), RCTab's expected report
// (ranked/rctab/2013_minneapolis_park/..._expected_detailed_report.csv, a
// tool reference; the official summary statement: Erwin, Young, Forney,
// threshold 14,866). Rounds 1–10 (every round that decides) equal the
// report at four decimals: each candidate's votes, and the votes of
// ballots inactive as exhausted choices (RCTab counts them by value: the
// papers of Erwin's surplus of zero exhaust at value 0).
func TestMinneapolisPark2013(t *testing.T) {
	p := read(t, "ranked/rctab/_shared/2013_minneapolis_park_cvr.xlsx", format.BallotOptions{})
	r := preset(t, "minneapolis-stv")
	r.Seats = 3
	res := countRule(t, p, r)
	if got := surnames(p, res.Elected); !reflect.DeepEqual(got, []string{"ERWIN", "YOUNG", "FORNEY"}) {
		t.Errorf("elected %v, want ERWIN, YOUNG, FORNEY", got)
	}
	if res.Quota.String() != "14866.0000" {
		t.Errorf("threshold %s, want 14866", res.Quota)
	}
	// The report's rows, rounds 1–10 (the transfer columns left out).
	want := map[string][]string{
		"JOHN ERWIN":          {"14678", "14684", "14866", "14866.0000", "14866.0000", "14866.0000", "14866.0000", "14866.0000", "14866.0000", "14866.0000"},
		"ANNIE YOUNG":         {"9294", "9302", "9452", "9452.0000", "10055.0000", "11054.0000", "11525.0000", "12027.0000", "13886.0000", "15044.0000"},
		"MEG FORNEY":          {"7856", "7864", "8031", "8031.0000", "8421.0000", "9159.0000", "9829.0000", "10156.0000", "10965.0000", "12245.0000"},
		"TOM NORDYKE":         {"6511", "6514", "6595", "6595.0000", "6759.0000", "7001.0000", "7535.0000", "7688.0000", "8701.0000", "0"},
		"JASON STONE":         {"5357", "5364", "5477", "5477.0000", "5819.0000", "6097.0000", "6549.0000", "6741.0000", "0", "0"},
		"HASHIM YONIS":        {"3762", "3767", "3799", "3799.0000", "4346.0000", "4490.0000", "4571.0000", "0", "0", "0"},
		"STEVE BARLAND":       {"3705", "3707", "3803", "3803.0000", "3901.0000", "4113.0000", "0", "0", "0", "0"},
		"MARY LYNN MCPHERSON": {"3373", "3378", "3479", "3479.0000", "3694.0000", "0", "0", "0", "0", "0"},
		"ISHMAEL ISRAEL":      {"3305", "3310", "3374", "3374.0000", "0", "0", "0", "0", "0", "0"},
		"CASPER HILL":         {"1280", "1284", "0", "0", "0", "0", "0", "0", "0", "0"},
	}
	exhausted := []string{"67", "356", "654", "654.0000", "1669.0000", "2750.0000", "4655.0000", "8052.0000", "11112.0000", "17375.0000"}
	if len(res.Stages) < 10 {
		t.Fatalf("%d rounds, want at least 10", len(res.Stages))
	}
	// The report prints whole numbers before the first fractional
	// transfer; compare values, not their printing.
	eq := func(got stv.Value, want string) bool {
		return got.Decimal(4) == want || got.Decimal(0) == want && !strings.Contains(want, ".") && got.Decimal(4) == want+".0000"
	}
	for name, rounds := range want {
		k := p.CandidateIndex(name)
		if k < 0 {
			t.Fatalf("no candidate %q", name)
		}
		for i, w := range rounds {
			if got := res.Stages[i].Votes[k]; !eq(got, w) {
				t.Errorf("round %d: %s %s, RCTab %s", i+1, name, got.Decimal(4), w)
			}
		}
	}
	for i, w := range exhausted {
		st := res.Stages[i]
		if got := st.Exhausted; !eq(got, w) {
			t.Errorf("round %d: %s ballots inactive as exhausted choices, RCTab %s", i+1, got, w)
		}
	}
	// Round 1's undeclared write-ins are excluded first (their papers move
	// to make round 2), then the lowest candidate each round.
	if st := res.Stages[1]; st.ExclusionReason != "write-ins" || len(st.Excluded) != 1 || p.Candidates[st.Excluded[0]] != "Undeclared Write-ins" {
		t.Errorf("round 2: excluded %v (%s), want the undeclared write-ins", names(p, st.Excluded), st.ExclusionReason)
	}
	if st := res.Stages[2]; st.ExclusionReason != "lowest" || p.Candidates[st.Excluded[0]] != "CASPER HILL" {
		t.Errorf("round 3: excluded %v (%s), want CASPER HILL, the lowest", names(p, st.Excluded), st.ExclusionReason)
	}
	// Round 10 elects Young on the quota and Forney as the one candidate
	// left for the last seat.
	if got := fmt.Sprint(surnames(p, electedOf(res.Stages[9]))); got != "[YOUNG FORNEY]" {
		t.Errorf("round 10 elected %s, want [YOUNG FORNEY]", got)
	}
}

func electedOf(st stv.Stage) []int {
	var out []int
	for _, e := range st.Elected {
		out = append(out, e.Candidate)
	}
	return out
}

// Albany, California, city council 2022 (2 seats; ranked/albany-2022,
// data README, official county rounds): the quota recomputed on the
// continuing ballots is 2,387, 2,376, 2,355, 2,338; first round Miki
// 2,152, Hansen Romero 1,814, Lopez 1,642, Pilch 1,237, Pinguelo 314; Miki
// elected, then Lopez.
func TestAlbany2022(t *testing.T) {
	p := read(t, "ranked/albany-2022/albany_profile.csv", format.BallotOptions{})
	r := preset(t, "alameda-stv")
	r.Seats = 2
	res := countRule(t, p, r)
	if got := names(p, res.Elected); !reflect.DeepEqual(got, []string{"JOHN ANTHONY MIKI", "ROBIN D  LOPEZ"}) {
		t.Errorf("elected %v, want Miki then Lopez", got)
	}
	var quotas []string
	for _, st := range res.Stages {
		quotas = append(quotas, st.Quota.Decimal(0))
	}
	if want := []string{"2387", "2376", "2355", "2338"}; !reflect.DeepEqual(quotas, want) {
		t.Errorf("quotas %v, want %v", quotas, want)
	}
	first := map[string]string{"JOHN ANTHONY MIKI": "2152", "JENNIFER HANSEN ROMERO": "1814", "ROBIN D  LOPEZ": "1642", "NICK PILCH": "1237", "JEREMIAH GARRETT PINGUELO": "314"}
	for n, v := range first {
		if got := res.Stages[0].Votes[p.CandidateIndex(n)].Decimal(0); got != v {
			t.Errorf("round 1 %s %s, official %s", n, got, v)
		}
	}
}
