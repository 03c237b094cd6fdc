package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/stv"
)

// The shared case 06's profile (Alice 12, Bob 10, Carol>Dave>Erin 5,
// Dave>Erin 4, Erin>Dave 4, Frank>Dave 1, Frank>Erin 1), counted with
// previous-round countback then a fixed order: a tie in round 2.
func case06(t *testing.T) *Runoff {
	p := ballot.NewProfile([]string{"Alice", "Bob", "Carol", "Dave", "Erin", "Frank"})
	for _, r := range []struct {
		m []ballot.Mark
		w int64
	}{{[]ballot.Mark{0}, 12}, {[]ballot.Mark{1}, 10}, {[]ballot.Mark{2, 3, 4}, 5}, {[]ballot.Mark{3, 4}, 4}, {[]ballot.Mark{4, 3}, 4}, {[]ballot.Mark{5, 3}, 1}, {[]ballot.Mark{5, 4}, 1}} {
		p.Add(r.m, r.w)
	}
	r := stv.Rules{Name: "test", Seats: 1, TieBreak: stv.TieBreak{Countback: stv.CountbackPrevious, Fallback: stv.FallbackOrder,
		Order: []string{"Alice", "Bob", "Erin", "Dave", "Carol", "Frank"}}}
	res, err := stv.Count(p, r)
	if err != nil {
		t.Fatal(err)
	}
	return &Runoff{Election: "Case 06", Source: "t", InputFormat: "rankings-csv", Result: res}
}

func TestRunoffOutputs(t *testing.T) {
	x := case06(t)
	var b bytes.Buffer
	if err := WriteRunoff(&b, x, JSON); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var j RunoffJSON
	json.Unmarshal(b.Bytes(), &j)
	r2 := j.Seats[0].Rounds[1]
	if j.Elected[0] != "Erin" || r2.Tie == nil || r2.Tie.Loser != "Dave" || strings.Join(r2.Tie.AfterCountback, ",") != "Dave,Erin" ||
		r2.Tally[0] != (TallyJSON{"Alice", "12"}) || j.Seats[0].Rounds[4].ExhaustedTotal != "11" {
		t.Errorf("JSON: %s", b.String())
	}
	if _, ok := raw["ballots"].(string); !ok {
		t.Errorf("ballots must be a string of digits: %v", raw["ballots"])
	}
	b.Reset()
	if err := WriteRunoff(&b, x, Table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Round 2: tie for exclusion between Carol, Dave, Erin, narrowed by countback to Dave, Erin, decided by the given tie-break order; Dave excluded (5): Erin +4, exhausted +1",
		"Round 5: Erin elected with 14 votes (threshold 14).", "│ Erin "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteRunoff(&b, x, CSV); err != nil || !strings.Contains(b.String(), "1,5,Erin,14,elected,14,26,11\n") {
		t.Errorf("CSV: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := WriteRunoff(&b, x, Markdown); err != nil || !strings.Contains(b.String(), "| Erin ") {
		t.Errorf("Markdown: %v\n%s", err, b.String())
	}
	// Same input, same output, byte for byte.
	var c, d bytes.Buffer
	WriteRunoff(&c, case06(t), JSON)
	WriteRunoff(&d, case06(t), JSON)
	if c.String() != d.String() {
		t.Error("JSON output differs between two identical counts")
	}
}
