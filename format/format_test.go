package format_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

// Each real file is recognised from its header alone.
func TestDetectRealFiles(t *testing.T) {
	for rel, want := range map[string]string{
		"uk/ge2024/HoC-GE2024-results-by-candidate.csv":                                       "hoc-candidates",
		"uk/ge2024/HoC-GE2024-results-by-constituency.csv":                                    "hoc-constituencies",
		"uk/ge2019/HoC-GE2019-results-by-candidate.csv":                                       "hoc-candidates",
		"uk/ge2019/HoC-GE2019-results-by-constituency.csv":                                    "hoc-constituencies",
		"uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv": "ukparl-candidates",
	} {
		e, got, err := format.ReadResultsFile(datadir.Path(t, rel), format.Options{})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if got != want || len(e.Contests) != 650 {
			t.Errorf("%s: read as %s with %d contests; want %s and 650", rel, got, len(e.Contests), want)
		}
	}
	e, got, err := format.ReadResultsFile(datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv"), format.Options{})
	if err != nil || got != "csv" || len(e.Contests) != 2 {
		t.Errorf("case 21: %v %s", err, got)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, _, err := format.ReadResults(strings.NewReader("a,b,c\n1,2,3\n"), "u.csv", format.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `u.csv:1: unknown results format: the header ["a", "b", "c"] matches none of hoc-candidates, hoc-constituencies, ukparl-candidates, bundestag-xml, csv`) {
		t.Errorf("err = %v", err)
	}
	// The finding apart from the command line's advice, for other front
	// ends: the generic CSV's columns the header lacks, or one field.
	var he *format.HeaderError
	_, _, err = format.ReadResults(strings.NewReader("contest,votes\nA,1\n"), "m.csv", format.Options{})
	if !errors.As(err, &he) || strings.Join(he.Missing, ",") != "party" || he.OneField || strings.Contains(he.Problem(), "--") || !strings.Contains(err.Error(), "--column") {
		t.Errorf("missing column: %v", err)
	}
	_, _, err = format.ReadResults(strings.NewReader("a;b;c\n1;2;3\n"), "s.csv", format.Options{})
	if !errors.As(err, &he) || !he.OneField || he.Missing != nil || !strings.Contains(err.Error(), "--delimiter") {
		t.Errorf("one field: %v", err)
	}
	// A compressed file is named as such, not echoed as a binary header,
	// whether its format is detected or forced.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("contest,party,votes\nA,Red,1\n"))
	zw.Close()
	for _, forced := range []string{"", "csv"} {
		_, _, err = format.ReadResults(bytes.NewReader(gz.Bytes()), "r.csv.gz", format.Options{Format: forced})
		if err == nil || err.Error() != "r.csv.gz:1: the file is gzip-compressed (.gz), not a results file in text: expected CSV or XML; decompress it first" {
			t.Errorf("gzip (format %q): %v", forced, err)
		}
	}
	_, _, err = format.ReadResults(strings.NewReader("PK\x03\x04rest"), "r.xlsx", format.Options{})
	if err == nil || !strings.Contains(err.Error(), "zip archive") {
		t.Errorf("zip: %v", err)
	}
	_, _, err = format.ReadResults(strings.NewReader(""), "e.csv", format.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "e.csv:1: empty file") {
		t.Errorf("err = %v", err)
	}
	_, _, err = format.ReadResults(strings.NewReader("x"), "e.csv", format.Options{Format: "xlsx"})
	if err == nil || !strings.Contains(err.Error(), `unknown input format "xlsx"`) {
		t.Errorf("err = %v", err)
	}
}

func TestForcedFormat(t *testing.T) {
	// A generic CSV forced through the Library's reader fails on its columns,
	// not on a guess.
	in := "contest,candidate,party,votes\nA,Ann,Red,3\n"
	_, got, err := format.ReadResults(strings.NewReader(in), "f.csv", format.Options{Format: "hoc-candidates"})
	if err == nil || got != "hoc-candidates" || !strings.HasPrefix(err.Error(), `f.csv:1: missing column "ONS ID"`) {
		t.Errorf("%s: %v", got, err)
	}
}

func FuzzReadResults(f *testing.F) {
	f.Add("contest,candidate,party,votes\nA,Ann,Red,3\n")
	f.Add("ONS ID,First party,Valid votes,Majority,All other candidates\n")
	f.Add("Constituency geographic code,Candidate vote count\n")
	f.Add("\x1f\x8b\x08\x00binary")
	f.Add("a;b;c\n1;2;3\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, _, err := format.ReadResults(strings.NewReader(in), "f.csv", format.Options{})
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
