// Command psephos counts elections the way the law counts them, explains
// what the count means (seats against votes), and shows it as tables, CSV,
// Markdown or JSON.
//
//	psephos report uk-ge-2024               seats against votes, indices, a line per party
//	psephos report FILE --by nation         the same for each nation
//	psephos explain uk-ge-2024 --party RUK  one party in depth
//	psephos count FILE                      every contest's result
//	psephos datasets                        the named official results files
//
// Run psephos help COMMAND for the flags. Output goes to standard output only
// when the command succeeds; errors are one line on standard error and a
// non-zero exit status (1 for bad input, 2 for bad usage).
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	root := newRoot()
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "psephos: "+oneLine(err.Error()))
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError marks errors in how psephos was called.
type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
