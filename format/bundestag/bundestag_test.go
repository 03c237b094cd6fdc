package bundestag

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

const file = "de/bundestag-2025/2025-02_gesamtergebnis.xml"

func read(t *testing.T) *Result {
	t.Helper()
	p := datadir.Path(t, file)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Read(f, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Official facts from ../shared/data/README.md (Die Bundeswahlleiterin,
// final result of 23 February 2025): 299 constituencies, 16 Länder, valid
// second votes 49,649,512; 23 constituency winners without second-vote
// coverage (CDU 15, AfD 4, CSU 3, SPD 1).
func TestRead2025(t *testing.T) {
	r := read(t)
	if n := len(r.Constituencies.Contests); n != 299 {
		t.Errorf("%d constituencies, expected 299", n)
	}
	if n := len(r.SecondVotes.Districts); n != 16 {
		t.Errorf("%d Länder, expected 16", n)
	}
	if r.ValidSecondVotes != 49649512 {
		t.Errorf("valid second votes %d, expected 49,649,512", r.ValidSecondVotes)
	}
	var sum int64
	for _, l := range r.SecondVotes.Totals() {
		sum += l.Votes
	}
	if sum != 49649512 {
		t.Errorf("parties' second votes sum to %d, expected 49,649,512", sum)
	}
	uncovered := map[string]int{}
	for _, d := range r.Direct {
		if !d.Covered {
			uncovered[d.WinnerParty]++
		}
	}
	want := map[string]int{"CDU": 15, "AfD": 4, "CSU": 3, "SPD": 1}
	for p, n := range want {
		if uncovered[p] != n {
			t.Errorf("uncovered %s winners: %d, expected %d (all: %v)", p, uncovered[p], n, uncovered)
		}
	}
	if len(uncovered) != len(want) {
		t.Errorf("uncovered winners by party %v, expected %v", uncovered, want)
	}
	// The Brandenburg list "GRÜNE/B 90" is the federal party GRÜNE.
	grouped := strings.Join(r.SecondVotes.Notes, "\n")
	if !strings.Contains(grouped, "GRÜNE: GRÜNE, GRÜNE/B 90") {
		t.Errorf("notes do not state the Greens' grouping: %s", grouped)
	}
	// The plurality count of every constituency's first votes elects the
	// published winner's party.
	results, err := plurality.CountElection(r.Constituencies, plurality.TieBreak{})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		w := res.Winner()
		if w == nil || w.Party != r.Direct[res.Contest.ID].WinnerParty {
			t.Errorf("constituency %s: counted winner %v, published %s", res.Contest.Name, w, r.Direct[res.Contest.ID].WinnerParty)
		}
	}
}
