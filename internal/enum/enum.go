// Package enum names the values of the small enumerations that counting
// rules are made of (an overvote rule, a reading of unranked candidates),
// and reads them back by name, so that every option has one spelling on
// the command line, in JSON and in errors.
package enum

import (
	"fmt"
	"strings"
)

// Name is the name of value v of an enumeration whose values are 0, 1, ...
// with the given names; a value past the list is written KIND(v).
func Name[T ~uint8](names []string, v T, kind string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", kind, v)
}

// Parse reads a value by its name; the error lists the names expected.
func Parse[T ~uint8](names []string, s, kind string) (T, error) {
	for i, n := range names {
		if s == n {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q; expected one of: %s", kind, s, strings.Join(names, ", "))
}
