package compare

import (
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/stv"
)

// A centre squeeze worked by hand: 4 A>B, 3 C>B, 2 B>A. Instant-runoff
// excludes B (2 first preferences) and elects A 6–3; B beats A 5–4 and C
// 6–3 head to head, so every Condorcet method elects B.
func TestRankedDisagree(t *testing.T) {
	p := ballot.NewProfile([]string{"A", "B", "C"})
	p.Add([]ballot.Mark{0, 1}, 4)
	p.Add([]ballot.Mark{2, 1}, 3)
	p.Add([]ballot.Mark{1, 0}, 2)
	rl, err := stv.Preset("rctab")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Ranked(p, []string{"irv", "schulze", "copeland:one", "kemeny"}, RankedOptions{IRV: rl})
	if err != nil {
		t.Fatal(err)
	}
	if c.CondorcetWinner != 1 || len(c.Outcomes) != 4 || c.Outcomes[0].Elected != 0 || c.Outcomes[0].Runoff == nil {
		t.Fatalf("Condorcet winner %d, outcomes %+v", c.CondorcetWinner, c.Outcomes)
	}
	for _, o := range c.Outcomes[1:] {
		if o.Elected != 1 || o.Condorcet == nil {
			t.Errorf("%s elects %d, want B", o.Method, o.Elected)
		}
	}
	if _, err := Ranked(p, []string{"irv", "stv"}, RankedOptions{IRV: rl}); err == nil || !strings.Contains(err.Error(), `unknown method "stv"`) {
		t.Errorf("bad method: %v", err)
	}
}

// Kemeny–Young past its exact limit is an outcome with a note, not a
// failure of the whole comparison: 21 candidates, each ballot a rotation of
// one order, beat one another in one cycle.
func TestRankedKemenyLimit(t *testing.T) {
	n := condorcet.MaxKemeny + 1
	names := make([]string, n)
	for i := range names {
		names[i] = string(rune('a' + i))
	}
	p := ballot.NewProfile(names)
	for s := 0; s < n; s++ {
		marks := make([]ballot.Mark, n)
		for i := range marks {
			marks[i] = ballot.Mark((s + i) % n)
		}
		p.Add(marks, 1)
	}
	c, err := Ranked(p, []string{"schulze", "kemeny"}, RankedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k := c.Outcomes[1]
	if len(c.Smith) != n || k.Elected != -1 || len(k.Notes) != 1 || !strings.Contains(k.Notes[0], "limited to 20 candidates per level") || len(c.Outcomes[0].Winners) != n {
		t.Errorf("Smith %v, kemeny %+v, schulze winners %v", c.Smith, k, c.Outcomes[0].Winners)
	}
}
