package ukparl_test

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/ukparl"
	"github.com/psephos/psephos/internal/datadir"
)

// Source: the UK Parliament election results website's notional 2019
// results on the 2024 boundaries (Rallings and Thrasher); README: 650
// contests keyed by PCON24CD, the 2024 boundaries, Speaker included.
func TestNotional2019(t *testing.T) {
	p := datadir.Path(t, "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := ukparl.Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Contests) != 650 {
		t.Fatalf("contests = %d", len(e.Contests))
	}
	rows, spk, ind := 0, 0, 0
	regions := map[string]bool{}
	for i := range e.Contests {
		c := &e.Contests[i]
		rows += len(c.Candidates)
		regions[c.Area(election.Region)] = true
		if c.Electorate <= 0 {
			t.Errorf("%s: electorate %d", c.Name, c.Electorate)
		}
		for _, k := range c.Candidates {
			switch k.Party {
			case "Spk":
				spk++
			case "Ind":
				ind++
			}
		}
	}
	// 3,529 rows; one Speaker (Chorley); 258 rows standing as independents.
	if rows != 3529 || spk != 1 || ind != 258 {
		t.Errorf("rows %d, Speaker %d, independents %d; want 3,529, 1, 258", rows, spk, ind)
	}
	// 9 English regions plus Scotland, Wales and Northern Ireland.
	if len(regions) != 12 {
		t.Errorf("%d regions, want 12: %v", len(regions), regions)
	}
	if !strings.Contains(strings.Join(e.Notes, " "), "notional") {
		t.Errorf("notes do not say the results are notional: %q", e.Notes)
	}
}

const header = "Constituency geographic code,Constituency name,Country name,English region name,Electorate,Election valid vote count,Election invalid vote count,Candidate given name,Candidate family name,Main party name,Main party abbreviation,Candidate is standing as Commons Speaker,Candidate is standing as independent,Candidate vote count\n"

func TestBadInput(t *testing.T) {
	ok := "E1,Town,England,London,100,30,,,,Labour,Lab,false,false,20\nE1,Town,England,London,100,30,,,,,,false,true,10\n"
	cases := []struct{ name, in, want string }{
		{"sum", header + strings.Replace(ok, ",10\n", ",9\n", 1), `n.csv:2: constituency "Town": candidates' votes sum to 29; expected "Election valid vote count" 30`},
		{"no party", header + strings.Replace(ok, "false,true,10", "false,false,10", 1), `n.csv:3: empty "Main party abbreviation" for a candidate who is neither independent nor the Speaker`},
		{"flag", header + strings.Replace(ok, "false,true,10", "no,true,10", 1), `n.csv:3: column "Candidate is standing as Commons Speaker": expected true or false, found "no"`},
		{"votes", header + strings.Replace(ok, ",20\n", ",2O\n", 1), `n.csv:2: column "Candidate vote count": expected a whole number of votes`},
		{"missing column", strings.Replace(header, ",Candidate vote count", "", 1), `n.csv:1: missing column "Candidate vote count"`},
		{"conflicting electorate", header + strings.Replace(ok, "E1,Town,England,London,100,30,,,,,", "E1,Town,England,London,101,30,,,,,", 1), `n.csv:3: constituency E1: its name, areas, electorate or vote counts differ from those at n.csv:2`},
	}
	if _, err := ukparl.Read(strings.NewReader(header+ok), "n.csv"); err != nil {
		t.Fatalf("good input: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ukparl.Read(strings.NewReader(c.in), "n.csv")
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("err = %v\nwant %q", err, c.want)
			}
		})
	}
}

// A row flagged "notional political party aggregate" stands for several
// candidates: counted, never placed or elected.
func TestAggregateFlag(t *testing.T) {
	h := strings.Replace(header, "Candidate vote count", "Candidate is notional political party aggregate,Candidate vote count", 1)
	in := h + "E1,Town,England,London,100,30,,,,Labour,Lab,false,false,false,20\nE1,Town,England,London,100,30,,,,Others,Oth,false,false,true,10\n"
	e, err := ukparl.Read(strings.NewReader(in), "n.csv")
	if err != nil {
		t.Fatal(err)
	}
	if k := e.Contests[0].Candidates[1]; !k.Aggregate || k.Votes != 10 {
		t.Errorf("%+v", k)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(header + "E1,Town,England,London,100,30,,,,Labour,Lab,false,false,20\nE1,Town,England,London,100,30,,,,,,false,true,10\n")
	f.Add(header)
	f.Fuzz(func(t *testing.T, in string) {
		e, err := ukparl.Read(strings.NewReader(in), "f.csv")
		if err != nil {
			if e != nil || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("bad failure: %q", err)
			}
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}
