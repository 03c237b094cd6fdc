package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/psephos/psephos/election"
)

// Reader reads a CSV file with a header line.
type Reader struct {
	file   string
	cr     *csv.Reader
	Header []string // header names with surrounding spaces removed
	line   int      // line of the record last returned
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// TrimBOM removes a leading UTF-8 byte-order mark.
func TrimBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }

// New reads the header of a CSV file. file names the input in errors; comma
// is the field delimiter (',' when 0). Every later record must have as many
// fields as the header.
func New(r io.Reader, file string, comma rune) (*Reader, error) {
	rd := newReader(r, file, comma)
	h, line, err := rd.next()
	if err == io.EOF {
		return nil, &election.Error{Pos: election.Pos{File: file}, Msg: "empty file: expected a header line"}
	}
	if err != nil {
		return nil, err
	}
	rd.Header = make([]string, len(h))
	seen := make(map[string]int, len(h))
	for i, s := range h {
		rd.Header[i] = strings.TrimSpace(s)
		k := strings.ToLower(rd.Header[i])
		if k == "" {
			continue
		}
		if j, dup := seen[k]; dup {
			return nil, &election.Error{Pos: election.Pos{File: file, Line: line}, Msg: fmt.Sprintf("column %q appears twice in the header (columns %d and %d): expected each name once", rd.Header[i], j+1, i+1)}
		}
		seen[k] = i
	}
	rd.line = line
	return rd, nil
}

func newReader(r io.Reader, file string, comma rune) *Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	if comma != 0 {
		cr.Comma = comma
	}
	cr.ReuseRecord = true
	return &Reader{file: file, cr: cr}
}

// NewNoHeader reads a CSV file that has no header line: every record must
// have fields fields. Header is nil; the caller decides whether an empty
// file (Next returning io.EOF at once) is an error.
func NewNoHeader(r io.Reader, file string, comma rune, fields int) (*Reader, error) {
	rd := newReader(r, file, comma)
	rd.cr.FieldsPerRecord = fields
	return rd, nil
}

// Next returns the next record and its line, or io.EOF. The slice is reused
// by the following call.
func (r *Reader) Next() ([]string, error) {
	rec, line, err := r.next()
	if err != nil {
		return nil, err
	}
	r.line = line
	return rec, nil
}

// Pos is the position of the record last returned.
func (r *Reader) Pos() election.Pos { return election.Pos{File: r.file, Line: r.line} }

// File is the input's name as given to New.
func (r *Reader) File() string { return r.file }

// Errorf returns an error at the record last returned.
func (r *Reader) Errorf(format string, args ...any) error {
	return &election.Error{Pos: r.Pos(), Msg: fmt.Sprintf(format, args...)}
}

func (r *Reader) next() ([]string, int, error) {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pos := election.Pos{File: r.file, Line: pe.StartLine}
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				what := "as in the header"
				if r.Header == nil {
					what = "as the format has"
				}
				return nil, 0, &election.Error{Pos: pos, Msg: fmt.Sprintf("expected %d fields %s, found %d (an unquoted comma in a number such as 1,004 splits it; quote it: \"1,004\")", r.cr.FieldsPerRecord, what, len(rec))}
			}
			pos.Line = pe.Line
			pos.Col = pe.Column
			return nil, 0, &election.Error{Pos: pos, Msg: "malformed CSV: " + pe.Err.Error()}
		}
		return nil, 0, &election.Error{Pos: election.Pos{File: r.file}, Msg: err.Error()}
	}
	line, _ := r.cr.FieldPos(0)
	for i, f := range rec {
		for j := 0; j < len(f); j++ {
			if c := f[j]; c < 0x20 || c == 0x7f {
				l, col := r.cr.FieldPos(i)
				return nil, 0, &election.Error{Pos: election.Pos{File: r.file, Line: l, Col: col}, Msg: fmt.Sprintf("control character 0x%02X in field %d: expected text on one line (a quoted line break or tab in a name is not allowed)", c, i+1)}
			}
		}
		if !utf8.ValidString(f) {
			l, c := r.cr.FieldPos(i)
			bad := 0
			for bad < len(f) {
				ru, size := utf8.DecodeRuneInString(f[bad:])
				if ru == utf8.RuneError && size <= 1 {
					break
				}
				bad += size
			}
			return nil, 0, &election.Error{Pos: election.Pos{File: r.file, Line: l, Col: c}, Msg: fmt.Sprintf("invalid UTF-8 in field %d (byte 0x%02X); expected UTF-8 text (convert the file, e.g. from Windows-1252)", i+1, f[bad])}
		}
	}
	return rec, line, nil
}

// Index returns the position of the first header name equal to name,
// ignoring case and surrounding spaces, or -1.
func Index(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// Require returns the positions of the named columns, or an error at the
// header line naming the first missing one and the columns found.
func (r *Reader) Require(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = Index(r.Header, n)
		if out[i] < 0 {
			return nil, &election.Error{Pos: election.Pos{File: r.file, Line: 1}, Msg: fmt.Sprintf("missing column %q; found columns: %s", n, Quoted(r.Header, 30))}
		}
	}
	return out, nil
}

// Votes parses a count of votes: ASCII digits, optionally grouped in threes
// by commas as in "35,755" (only possible inside a quoted field). Surrounding
// spaces are allowed. A sign, a decimal point, other separators or an empty
// field are errors: the message says what was found.
func Votes(field string) (int64, error) {
	s := strings.TrimSpace(field)
	if s == "" {
		return 0, errors.New("expected a whole number of votes, found an empty field")
	}
	var n int64
	digits := 0
	group := -1 // digits since the last comma, -1 before any comma
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n = n*10 + int64(c-'0'); n > election.MaxVotes {
				return 0, fmt.Errorf("expected a whole number of votes up to %d, found %q (too large)", election.MaxVotes, field)
			}
			digits++
			if group >= 0 {
				group++
			}
		case c == ',' && digits > 0 && (group == -1 && digits <= 3 || group == 3):
			group = 0
		default:
			if c == '-' {
				return 0, fmt.Errorf("expected a count of votes ≥ 0, found %q", field)
			}
			return 0, fmt.Errorf("expected a whole number of votes (digits, optionally grouped as 12,345), found %q", field)
		}
	}
	if group >= 0 && group != 3 {
		return 0, fmt.Errorf("expected a whole number of votes (digits, optionally grouped as 12,345), found %q", field)
	}
	return n, nil
}

// Quoted lists names as "a", "b", ..., at most n of them.
func Quoted(names []string, n int) string {
	var b strings.Builder
	for i, s := range names {
		if i == n {
			fmt.Fprintf(&b, ", ... (%d more)", len(names)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}

// Validate runs e.Validate and gives a file-wide error (such as "no
// contests") this input's name.
func (r *Reader) Validate(e *election.Election) error {
	err := e.Validate()
	var pe *election.Error
	if errors.As(err, &pe) && pe.Pos.File == "" {
		pe.Pos.File = r.file
	}
	return err
}
