package format

import (
	"bufio"
	"bytes"
	stdcsv "encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/bundestag"
	"github.com/psephos/psephos/format/csv"
	"github.com/psephos/psephos/format/hoc"
	"github.com/psephos/psephos/format/internal/csvio"
	"github.com/psephos/psephos/format/ukparl"
)

// A Results format: its name, a line about it, how to recognise its header,
// and its reader.
type Results struct {
	Name        string
	Description string
	detect      func(header []string, opt Options) bool
	read        func(r io.Reader, name string, opt Options) (*election.Election, error)
}

// ResultsFormats are the results readers, in the order detection tries them.
var ResultsFormats = []Results{
	{hoc.CandidatesFormat, "House of Commons Library results by candidate (CBP-10009, CBP-8749)",
		func(h []string, _ Options) bool { return hoc.IsCandidates(h) },
		func(r io.Reader, n string, _ Options) (*election.Election, error) { return hoc.Candidates(r, n) }},
	{hoc.ConstituenciesFormat, "House of Commons Library results by constituency, one column per party",
		func(h []string, _ Options) bool { return hoc.IsConstituencies(h) },
		func(r io.Reader, n string, _ Options) (*election.Election, error) { return hoc.Constituencies(r, n) }},
	{ukparl.Format, "UK Parliament election results website, candidate-level export (e.g. 2019 notional)",
		func(h []string, _ Options) bool { return ukparl.Is(h) },
		func(r io.Reader, n string, _ Options) (*election.Election, error) { return ukparl.Read(r, n) }},
	{bundestag.Format, "Die Bundeswahlleiterin's result XML (Gesamtergebnis): first votes by constituency",
		func(h []string, _ Options) bool { return len(h) > 0 && strings.HasPrefix(h[0], "<?xml") },
		func(r io.Reader, n string, _ Options) (*election.Election, error) {
			res, err := bundestag.Read(r, n)
			if err != nil {
				return nil, err
			}
			return res.Constituencies, nil
		}},
	{csv.Format, "generic long CSV: contest, [contest_id], [candidate], party, votes, [seats], [electorate], [invalid_votes], [nation], [region]",
		func(h []string, o Options) bool { return csv.Is(h, o.csvColumns()) },
		func(r io.Reader, n string, o Options) (*election.Election, error) {
			return csv.Read(r, n, csv.Options{Columns: o.csvColumns(), Comma: o.Comma})
		}},
}

// Options configure [ReadResults].
type Options struct {
	// Format forces a reader by name; "" detects it from the header.
	Format string
	// Columns maps the generic CSV's fields to other column names; the
	// zero value means csv.DefaultColumns.
	Columns csv.Columns
	// Comma is the generic CSV's field delimiter (',' when 0).
	Comma rune
}

func (o Options) csvColumns() csv.Columns {
	if o.Columns.Contest == "" && o.Columns.Votes == "" {
		return csv.DefaultColumns()
	}
	return o.Columns
}

// ReadResultsFile opens path and reads it with [ReadResults].
func ReadResultsFile(path string, opt Options) (*election.Election, string, error) {
	return readFile(path, opt, ReadResults)
}

// readFile opens path and reads it with read, naming it path in errors.
func readFile[T any](path string, opt Options, read func(io.Reader, string, Options) (T, string, error)) (T, string, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, "", err
	}
	defer f.Close()
	return read(f, path, opt)
}

// byName returns the format called want, or an error listing the names.
func byName[F any](list []F, name func(*F) string, want string) (*F, error) {
	for i := range list {
		if name(&list[i]) == want {
			return &list[i], nil
		}
	}
	return nil, &UnknownFormatError{Name: want, Known: namesOf(list, name)}
}

// ReadResults reads a results file, choosing the reader from the header line
// unless opt.Format names one. It returns the election and the name of the
// format used. name is the input's name in errors (file:line: ...).
func ReadResults(r io.Reader, name string, opt Options) (*election.Election, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var f *Results
	if head, _ := br.Peek(8); compressed(head) != "" {
		return nil, "", &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: "the file is " + compressed(head) + ", not a results file in text: expected CSV or XML; decompress it first"}
	}
	if opt.Format != "" {
		var err error
		if f, err = byName(ResultsFormats, func(f *Results) string { return f.Name }, opt.Format); err != nil {
			return nil, "", err
		}
	} else {
		header, err := peekHeader(br, opt.Comma)
		if err != nil {
			return nil, "", &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: err.Error()}
		}
		for i := range ResultsFormats {
			if ResultsFormats[i].detect(header, opt) {
				f = &ResultsFormats[i]
				break
			}
		}
		if f == nil {
			return nil, "", newHeaderError(name, header, opt)
		}
	}
	e, err := f.read(br, name, opt)
	if err != nil {
		return nil, f.Name, err
	}
	return e, f.Name, nil
}

// Names lists the results formats' names.
func Names() []string { return namesOf(ResultsFormats, func(f *Results) string { return f.Name }) }

// namesOf lists the names of a list of formats.
func namesOf[F any](list []F, name func(*F) string) []string {
	out := make([]string, len(list))
	for i := range list {
		out[i] = name(&list[i])
	}
	return out
}

// compressed names the kind of a compressed file from its first bytes
// ("gzip-compressed", "a zip archive (or an .xlsx workbook)"), or "".
func compressed(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip-compressed (.gz)"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "a zip archive (or an .xlsx workbook)"
	case bytes.HasPrefix(head, []byte("BZh")):
		return "bzip2-compressed (.bz2)"
	case bytes.HasPrefix(head, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz-compressed (.xz)"
	}
	return ""
}

// A HeaderError is a header that no results reader recognises, with what
// would make it readable: the generic CSV's columns it lacks (when it has
// some of them), or that it is one field (another delimiter). Error words
// the advice for the command line (its flags); Problem gives the finding
// alone, for front ends that advise otherwise.
type HeaderError struct {
	Pos    election.Pos
	Header []string
	// Missing are the generic CSV's required columns the header lacks,
	// set when it has at least one of them.
	Missing []string
	// OneField: the header is one field holding ';', tab or '|'.
	OneField bool
}

func newHeaderError(name string, header []string, opt Options) *HeaderError {
	e := &HeaderError{Pos: election.Pos{File: name, Line: 1}, Header: header}
	cols := opt.csvColumns()
	for _, c := range []string{cols.Contest, cols.Party, cols.Votes} {
		if csvio.Index(header, c) < 0 {
			e.Missing = append(e.Missing, c)
		}
	}
	if len(e.Missing) == 3 {
		e.Missing = nil
	}
	e.OneField = len(header) == 1 && strings.ContainsAny(header[0], ";\t|")
	return e
}

// Problem says what is wrong, without advice: "unknown results format: the
// header [...] matches none of ...".
func (e *HeaderError) Problem() string {
	return fmt.Sprintf("unknown results format: the header [%s] matches none of %s", csvio.Quoted(e.Header, 8), strings.Join(Names(), ", "))
}

func (e *HeaderError) Error() string {
	msg := e.Problem()
	switch {
	case e.OneField:
		msg += "; the header is one field: set the delimiter, e.g. --delimiter ';'"
	case len(e.Missing) > 0:
		msg += fmt.Sprintf("; as the generic CSV it lacks the column(s) %s: map them with --column FIELD=NAME", csvio.Quoted(e.Missing, 3))
	default:
		msg += "; map the generic CSV's columns with --column FIELD=NAME, or force a format with --input-format"
	}
	return (&election.Error{Pos: e.Pos, Msg: msg}).Error()
}

// UnknownFormatError is a forced format name that no reader has.
type UnknownFormatError struct {
	Name  string
	Known []string // the names there are
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("unknown input format %q; expected one of: %s", e.Name, strings.Join(e.Known, ", "))
}

// peekHeader parses the first CSV record without consuming input.
func peekHeader(br *bufio.Reader, comma rune) ([]string, error) {
	b, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	b = csvio.TrimBOM(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("empty file: expected a header line")
	}
	cr := stdcsv.NewReader(bytes.NewReader(b))
	if comma != 0 {
		cr.Comma = comma
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	h, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("cannot read the header line: %v", err)
	}
	for i := range h {
		h[i] = strings.TrimSpace(h[i])
	}
	return h, nil
}
