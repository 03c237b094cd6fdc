package swing

import (
	"fmt"

	"github.com/psephos/psephos/election"
)

// Scopes of a national target: which contests GB-wide or UK-wide shares
// cover.
const (
	ScopeAuto = "auto" // ScopeGB when the baseline has Northern Ireland, else ScopeAll
	ScopeGB   = "gb"   // every contest but Northern Ireland's (GB polls do not cover it)
	ScopeAll  = "all"  // every contest
)

// NorthernIreland is the nation that GB-wide shares leave out.
const NorthernIreland = "Northern Ireland"

// ScopeExclude returns the nations a national target does not cover under
// scope (for Options.Exclude). An unknown scope is an error naming the
// scopes.
func ScopeExclude(e *election.Election, scope string) ([]string, error) {
	switch scope {
	case ScopeAuto:
		for _, n := range Nations(e) {
			if n == NorthernIreland {
				return []string{NorthernIreland}, nil
			}
		}
		return nil, nil
	case ScopeGB:
		return []string{NorthernIreland}, nil
	case ScopeAll:
		return nil, nil
	}
	return nil, fmt.Errorf("scope %q: expected gb, all or auto", scope)
}
