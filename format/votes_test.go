package format

import (
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

// Each party-votes file in the shared data is recognised by its first line.
func TestDetectPartyVotes(t *testing.T) {
	for rel, want := range map[string]string{
		"nl/uitslag_TK20231122_Nederland.csv":          "kiesraad",
		"list/sk_nr_2020.csv":                          "sk-nr",
		"de/bundestag-2025/2025-02_gesamtergebnis.xml": "bundestag-xml",
	} {
		_, got, err := ReadPartyVotesFile(datadir.Path(t, rel), Options{})
		if err != nil || got != want {
			t.Errorf("%s: read as %q (%v), expected %q", rel, got, err, want)
		}
	}
	_, got, err := ReadPartyVotesFile(datadir.Case(t, "28-mmp-overhang/mmp.csv"), Options{})
	if err != nil || got != "party-votes" {
		t.Errorf("case 28: %q %v", got, err)
	}
	_, _, err = ReadPartyVotes(strings.NewReader("contest,party,votes\nX,A,1\n"), "x.csv", Options{})
	if err == nil || !strings.Contains(err.Error(), "x.csv:1: unknown party-votes format") {
		t.Errorf("a candidate file: %v", err)
	}
	_, _, err = ReadPartyVotes(strings.NewReader("party,votes\nA,1\n"), "x.csv", Options{Format: "nope"})
	if err == nil || !strings.Contains(err.Error(), "unknown input format \"nope\"; expected one of: bundestag-xml, kiesraad, sk-nr, party-votes") {
		t.Errorf("a forced unknown format: %v", err)
	}
	_, _, err = ReadPartyVotes(strings.NewReader("  \n"), "x.csv", Options{})
	if err == nil || !strings.Contains(err.Error(), "empty file") {
		t.Errorf("an empty file: %v", err)
	}
}

// The Bundestag XML is also a constituency results file (first votes).
func TestDetectBundestagResults(t *testing.T) {
	e, got, err := ReadResultsFile(datadir.Path(t, "de/bundestag-2025/2025-02_gesamtergebnis.xml"), Options{})
	if err != nil || got != "bundestag-xml" || len(e.Contests) != 299 {
		t.Errorf("read as %q (%v)", got, err)
	}
}
