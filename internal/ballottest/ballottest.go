package ballottest

import (
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
)

// Read checks the outcome of reading an input named name: an error must
// start with the name (file:line: ...), and a profile must hold only
// well-formed rankings. It reports whether a profile was read.
func Read(t testing.TB, p *ballot.Profile, err error, name string) bool {
	t.Helper()
	if err != nil {
		if !strings.HasPrefix(err.Error(), name) {
			t.Fatalf("error without the input's name %q: %v", name, err)
		}
		return false
	}
	var n int64
	for i := 0; i < p.Len(); i++ {
		if err := ballot.CheckRanking(p.Ranking(i), len(p.Candidates)); err != nil {
			t.Fatalf("ranking %d: %v", i, err)
		}
		n += p.Weight(i)
	}
	if n != p.Ballots() {
		t.Fatalf("weights add to %d, Ballots says %d", n, p.Ballots())
	}
	return true
}
