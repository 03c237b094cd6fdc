package sknr

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

// list/sk_nr_2020.csv (../shared/data/README.md): 24 lists, one coalition
// (PS–SPOLU), official seats summing to 150.
func TestRead2020(t *testing.T) {
	p := datadir.Path(t, "list/sk_nr_2020.csv")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	coalitions, seats := 0, 0
	for _, l := range tab.Districts[0].Lists {
		if l.Coalition {
			coalitions++
		}
		seats += l.OfficialSeats
	}
	if len(tab.Parties) != 24 || coalitions != 1 || seats != 150 || tab.Districts[0].Seats != 150 {
		t.Errorf("%d lists, %d coalitions, %d seats", len(tab.Parties), coalitions, seats)
	}
	if tab.Districts[0].Lists[0].Party != "OĽANO" || tab.Districts[0].Lists[0].Votes != 721166 {
		t.Errorf("first list %+v", tab.Districts[0].Lists[0])
	}
}

func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		"A;2;10;0\n":          "t.csv:1: field 2 (coalition): expected 0 or 1",
		"A;0;-10;0\n":         "t.csv:1: field 3 (votes): expected a count of votes ≥ 0",
		"A;0;10\n":            "t.csv:1: expected 4 fields",
		"A;0;10;151\n":        "the seats column sums to 151",
		"A;0;10;0\nA;0;5;0\n": "appears twice",
		"":                    "empty file",
	}
	for in, want := range cases {
		_, err := Read(strings.NewReader(in), "t.csv")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, expected %q", in, err, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("OĽANO;0;721166;53\nSmer;0;527172;38\nProgresívne Slovensko-SPOLU;1;200780;0\n")
	f.Add("A;0;1;150\n")
	f.Fuzz(func(t *testing.T, in string) {
		tab, err := Read(strings.NewReader(in), "f.csv")
		if err != nil {
			return
		}
		if err := tab.Validate(); err != nil {
			t.Fatalf("accepted a table that fails Validate: %v", err)
		}
	})
}
