package compare

import (
	"errors"
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
	p := rotations(n)
	c, err := Ranked(p, []string{"schulze", "kemeny"}, RankedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k := c.Outcomes[1]
	if len(c.Smith) != n || k.Elected != -1 || len(k.Notes) != 1 || !strings.Contains(k.Notes[0], "limited to 20 candidates per level") || len(c.Outcomes[0].Winners) != n {
		t.Errorf("Smith %v, kemeny %+v, schulze winners %v", c.Smith, k, c.Outcomes[0].Winners)
	}
}

// rotations is a profile of n candidates whose ballots are the n rotations
// of one order: every candidate beats the next n/2 around the circle by
// the same margins, a cycle through all of them with majorities of equal
// strength.
func rotations(n int) *ballot.Profile {
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
	return p
}

// Ranked Pairs without a policy past the candidates whose tie-breaking
// rankings it tries (a 9-candidate cycle of equal majorities) is an
// outcome with a note, not a failure of the whole comparison; with a lot
// it is counted, and marked as decided by lot.
func TestRankedPairsLimitNote(t *testing.T) {
	p := rotations(condorcet.MaxRankedPairsTieCandidates + 1)
	m := condorcet.Tally(p, condorcet.Options{})
	var limit *condorcet.RankedPairsLimitError
	if _, err := condorcet.Count(p, m, condorcet.Spec{Method: condorcet.RankedPairs}, condorcet.TieBreak{}, condorcet.DebianRule{}); !errors.As(err, &limit) || limit.Candidates != 9 {
		t.Fatalf("ranked pairs alone: %v, want a limit error over 9 candidates", err)
	}
	c, err := Ranked(p, []string{"schulze", "ranked-pairs", "copeland"}, RankedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rp := c.Outcomes[1]
	if !rp.NotComputed || rp.Elected != -1 || len(rp.Notes) != 1 || !strings.Contains(rp.Notes[0], "the limit is 8 candidates") || len(c.Outcomes[0].Winners) != 9 || len(c.Outcomes[2].Winners) != 9 {
		t.Errorf("ranked pairs %+v; schulze winners %v, copeland %v", rp, c.Outcomes[0].Winners, c.Outcomes[2].Winners)
	}
	c, err = Ranked(p, []string{"schulze", "ranked-pairs"}, RankedOptions{TieBreak: condorcet.TieBreak{Fallback: condorcet.FallbackLot, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range c.Outcomes {
		if o.NotComputed || o.Elected < 0 || !o.ByLot {
			t.Errorf("%s with a lot: elected %d, by lot %v, not computed %v", o.Method, o.Elected, o.ByLot, o.NotComputed)
		}
	}
}

// Each method is counted once: a repeat, or two names of one method, is an
// error; so is an election with no candidates.
func TestRankedMethodsOnce(t *testing.T) {
	for _, ms := range [][]string{{"irv", "irv"}, {"schulze", " schulze:winning-votes"}, {"kemeny", "kemeny:kemeny"}} {
		if err := ParseRankedMethods(ms); err == nil || !strings.Contains(err.Error(), "twice") && !strings.Contains(err.Error(), "the same method") {
			t.Errorf("%v: %v", ms, err)
		}
	}
	if err := ParseRankedMethods([]string{"irv", "schulze", "schulze:margins"}); err != nil {
		t.Errorf("two variants: %v", err)
	}
	if _, err := Ranked(ballot.NewProfile(nil), []string{"irv"}, RankedOptions{}); err == nil || !strings.Contains(err.Error(), "no candidates") {
		t.Errorf("no candidates: %v", err)
	}
}
