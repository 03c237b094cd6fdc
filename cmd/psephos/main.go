package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run executes psephos with args and returns the exit status: 0 success,
// 1 bad input or a failed count, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "psephos: "+oneLine(err.Error()))
		var u usageError
		if errors.As(err, &u) || isCobraUsage(err) {
			return 2
		}
		return 1
	}
	return 0
}

// usageError marks errors in how psephos was called.
type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

// isCobraUsage recognises cobra's own errors for unknown commands.
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") || strings.HasPrefix(err.Error(), "unknown shorthand flag")
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
