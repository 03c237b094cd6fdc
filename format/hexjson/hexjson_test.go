package hexjson_test

import (
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/internal/datadir"
)

// Source: ../shared/data/README.md: Open Innovations hex cartogram v1.2,
// odd-r, 650 hexes keyed by PCON24CD, all matching the 2024 results.
func TestUK2024Hexes(t *testing.T) {
	f, err := os.Open(datadir.Path(t, "uk/maps/uk-constituencies-2024.hexjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := hexjson.Read(f, "uk.hexjson")
	if err != nil {
		t.Fatal(err)
	}
	if l.Kind != "odd-r" || len(l.Hexes) != 650 {
		t.Fatalf("%s with %d hexes", l.Kind, len(l.Hexes))
	}
	e, _, err := format.ReadResultsFile(datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv"), format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, c := range e.Contests {
		ids[c.ID] = c.Name
	}
	for _, h := range l.Hexes {
		if _, ok := ids[h.ID]; !ok {
			t.Errorf("hex %s (%s) has no 2024 result", h.ID, h.Name)
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"not json", "{\n\"layout\": odd}", "h.json:2: expected HexJSON"},
		{"layout", `{"layout":"square","hexes":{"A":{"q":1,"r":1}}}`, `h.json: layout "square": expected odd-r`},
		{"no hexes", `{"layout":"odd-r"}`, `h.json: no "hexes"`},
		{"no q", "{\"layout\":\"odd-r\",\"hexes\":{\n\"A\":{\"n\":\"x\",\"r\":1}}}", `h.json:2: hex "A": expected integer "q" and "r"`},
		{"float q", `{"layout":"odd-r","hexes":{"A":{"q":1.5,"r":1}}}`, `h.json:1: hex "A": expected`},
		{"same cell", `{"layout":"odd-r","hexes":{"A":{"q":1,"r":1},"B":{"q":1,"r":1}}}`, `h.json:1: hex "B" is in the same cell (q 1, r 1) as "A"`},
	}
	for _, c := range cases {
		_, err := hexjson.Read(strings.NewReader(c.in), "h.json")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(`{"layout":"odd-r","hexes":{"A":{"n":"a","q":1,"r":1},"B":{"q":2,"r":1}}}`)
	f.Add(`{"layout":"even-q","hexes":{}}`)
	f.Fuzz(func(t *testing.T, in string) {
		l, err := hexjson.Read(strings.NewReader(in), "f.json")
		if err != nil {
			if l != nil || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("bad failure %q", err)
			}
			return
		}
		seen := map[[2]int]bool{}
		for _, h := range l.Hexes {
			if seen[[2]int{h.Q, h.R}] {
				t.Fatal("two hexes in a cell")
			}
			seen[[2]int{h.Q, h.R}] = true
		}
	})
}
