package partyvotes

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := "party,votes,district,district_seats,electorate_seats,coalition,official_seats\n" +
		"A,\"1,200\",North,3,1,0,2\nB,800,North,,0,1,1\nA,500,South,2,0,0,1\nC,700,South,2,,no,\n"
	tab, err := Read(strings.NewReader(in), "t.csv", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Districts) != 2 || tab.Districts[0].Seats != 3 || tab.Districts[1].Seats != 2 {
		t.Fatalf("districts %+v", tab.Districts)
	}
	tot := tab.Totals()
	if tot[0].Party != "A" || tot[0].Votes != 1700 || tot[0].ConstituencySeats != 1 || tot[0].OfficialSeats != 3 {
		t.Errorf("A: %+v", tot[0])
	}
	if !tot[1].Coalition || tot[2].OfficialSeats != -1 {
		t.Errorf("B, C: %+v %+v", tot[1], tot[2])
	}
}

// Every bad row is an error naming file:line and what was expected.
func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		"party,votes\nA,-5\n":                                     "t.csv:2: column \"votes\": expected a count of votes ≥ 0",
		"party,votes\nA,5\nA,6\n":                                 "t.csv:3: district \"national\": party \"A\" appears twice",
		"party,votes,district,district_seats\nA,5,N,0\n":          "t.csv:2: district \"N\": expected at least 1 seat",
		"party,votes,district,district_seats\nA,5,N,3\nB,5,M,\n":  "district \"M\": no seats given",
		"party,votes,district,district_seats\nA,5,N,3\nB,5,N,4\n": "t.csv:3: district \"N\": 4 seats here but 3 at t.csv:2",
		"party,votes\n":                      "no rows",
		"party,votes\n,5\n":                  "t.csv:2: expected a party name",
		"party,votes\nA,5.5\n":               "expected a whole number of votes",
		"party,votes,coalition\nA,5,maybe\n": "expected 1 or 0",
		"party,district\nA,N\n":              "missing column \"votes\"",
		"party,votes\nA,5,6\n":               "t.csv:2: expected 2 fields",
	}
	for in, want := range cases {
		_, err := Read(strings.NewReader(in), "t.csv", 0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, expected %q", in, err, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("party,votes\nAmber,4240\nBlue,1890\n")
	f.Add("party,votes,electorate_seats\nKea,4450,5\nMoa,390,2\n")
	f.Add("party,votes,district,district_seats\nA,\"1,200\",N,3\nB,5,N,\n")
	f.Add("\xEF\xBB\xBFparty,votes,coalition,official_seats\nA,1,1,0\n")
	f.Fuzz(func(t *testing.T, in string) {
		tab, err := Read(strings.NewReader(in), "f.csv", 0)
		if err != nil {
			return
		}
		if err := tab.Validate(); err != nil {
			t.Fatalf("Read accepted a table that fails Validate: %v", err)
		}
		for _, d := range tab.Districts {
			for _, l := range d.Lists {
				if l.Votes < 0 || l.Party == "" {
					t.Fatalf("bad list %+v", l)
				}
			}
		}
	})
}
