package kiesraad

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

// The Kiesraad's 2023 national result (../shared/data/nl): 26 lists, 150
// seats as published on 15 of them (AantalZetels; the other 11 leave it
// empty, which is read as unknown), 10,432,726 valid votes on lists.
func TestRead2023(t *testing.T) {
	p := datadir.Path(t, "nl/uitslag_TK20231122_Nederland.csv")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	var votes int64
	seats, known, unknown := 0, 0, 0
	for _, l := range tab.Totals() {
		votes += l.Votes
		switch {
		case l.OfficialSeats >= 0:
			seats += l.OfficialSeats
			known++
		default:
			unknown++
		}
	}
	if len(tab.Parties) != 26 || votes != 10432726 || seats != 150 || known != 15 || unknown != 11 {
		t.Errorf("%d lists, %d votes, %d seats on %d lists (%d unknown); expected 26, 10,432,726, 150 on 15 (11 unknown)", len(tab.Parties), votes, seats, known, unknown)
	}
	notes := strings.Join(tab.Notes, "\n")
	if !strings.Contains(notes, "valid votes on lists (AantalGeldigeStemmen): 10,432,726") || !strings.Contains(notes, "electorate (Kiesgerechtigden): 13,473,750") {
		t.Errorf("notes without grouped numbers: %s", notes)
	}
}

const head = "Regio;Code;Type;Partij;AantalStemmen;AantalZetels;\n"

func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		head + "Nederland;L1;AantalGeldigeStemmen;;10;;\nNederland;L1;Partij;A;9;1;\n": "t.csv:2: AantalGeldigeStemmen is 10 but the lists' votes sum to 9",
		head + "Nederland;L1;Partij;A;-9;1;\n":                                         "t.csv:2: AantalStemmen: expected a count of votes ≥ 0",
		head + "Nederland;L1;Partij;A;9;1;\nElders;L1;Partij;B;9;1;\n":                 "t.csv:3: region \"Elders\"",
		head + "Nederland;L1;Zetels;A;9;1;\n":                                          "unknown Type \"Zetels\"",
		head + "Nederland;L1;Partij;A;9;1;\nNederland;L1;Partij;A;3;;\n":               "party \"A\" appears twice",
		head + "Nederland;L1;Partij;A;9;x;\n":                                          "AantalZetels: expected a whole number",
		head:                                                                           "no Partij rows",
	}
	for in, want := range cases {
		_, err := Read(strings.NewReader(in), "t.csv")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, expected %q", in, err, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(head + "Nederland;L528;AantalGeldigeStemmen;;30;;\nNederland;L528;Partij;VVD;20;1;\nNederland;L528;Partij;D66;10;;\n")
	f.Add(head + "Nederland;L528;AantalBlancoStemmen;;5;;\nNederland;L528;Partij;A;1;;\n")
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

// AantalZetels: a number is the published seats, an empty field unknown
// (-1), not 0.
func TestOfficialSeats(t *testing.T) {
	tab, err := Read(strings.NewReader(head+"Nederland;L1;Partij;A;9;1;\nNederland;L1;Partij;B;3;;\nNederland;L1;Partij;C;1;0;\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := []int{}
	for _, l := range tab.Districts[0].Lists {
		got = append(got, l.OfficialSeats)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != -1 || got[2] != 0 {
		t.Errorf("official seats %v, expected [1 -1 0]", got)
	}
}
