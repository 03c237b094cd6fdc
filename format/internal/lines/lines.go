package lines

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/psephos/psephos/election"
)

// MaxLine is the longest line accepted, in bytes.
const MaxLine = 64 << 20

// A Reader returns the lines of a file.
type Reader struct {
	sc   *bufio.Scanner
	file string
	line int
	// Peeked line, when Unread was called.
	back  bool
	last  []byte
	first bool
}

// New returns a Reader of r; file names the input in errors.
func New(r io.Reader, file string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 16<<10), MaxLine)
	return &Reader{sc: sc, file: file, first: true}
}

// Next returns the next line without its end-of-line bytes, or io.EOF. The
// slice is valid until the next call.
func (r *Reader) Next() ([]byte, error) {
	if r.back {
		r.back = false
		r.line++
		return r.last, nil
	}
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				return nil, r.Errorf("line longer than %d bytes", MaxLine)
			}
			return nil, &election.Error{Pos: election.Pos{File: r.file, Line: r.line + 1}, Msg: err.Error()}
		}
		return nil, io.EOF
	}
	r.line++
	b := r.sc.Bytes()
	if r.first {
		r.first = false
		b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	r.last = b
	return b, nil
}

// NextText returns the next line that is not blank, with surrounding spaces
// removed, or io.EOF.
func (r *Reader) NextText() ([]byte, error) {
	for {
		b, err := r.Next()
		if err != nil {
			return nil, err
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			return t, nil
		}
	}
}

// Unread makes the next call of Next return the line last returned again.
func (r *Reader) Unread() {
	r.back = true
	r.line--
}

// Line is the number of the line last returned (1-based).
func (r *Reader) Line() int { return r.line }

// File is the input's name.
func (r *Reader) File() string { return r.file }

// Pos is the position of the line last returned.
func (r *Reader) Pos() election.Pos { return election.Pos{File: r.file, Line: r.line} }

// Errorf returns an *election.Error at the line last returned.
func (r *Reader) Errorf(format string, args ...any) error {
	return &election.Error{Pos: r.Pos(), Msg: fmt.Sprintf(format, args...)}
}

// Show quotes a piece of input for an error message, cut to 40 bytes.
func Show(b []byte) string {
	if len(b) > 40 {
		return fmt.Sprintf("%q...", b[:40])
	}
	return fmt.Sprintf("%q", b)
}
