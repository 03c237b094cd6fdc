package election

import (
	"fmt"
	"strings"
)

// Pos is a place in an input: a file name and a 1-based line, and column
// where known. The zero Line means "the whole file".
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, file:line or file.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// An Error is bad input at a position. Its message is one line, saying what
// was expected and what was found.
type Error struct {
	Pos Pos
	Msg string
}

// Error returns "file:line: message" on one line: any line break that came
// from the input (a quoted field may hold one) is shown escaped.
func (e *Error) Error() string {
	msg := oneLine.Replace(e.Msg)
	if s := e.Pos.String(); s != "" {
		return oneLine.Replace(s) + ": " + msg
	}
	return msg
}

var oneLine = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`)

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}
