package format

import (
	"bufio"
	"bytes"
	stdcsv "encoding/csv"
	"fmt"
	"github.com/psephos/psephos/format/internal/csvio"
	"io"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/bundestag"
	"github.com/psephos/psephos/format/kiesraad"
	"github.com/psephos/psephos/format/partyvotes"
	"github.com/psephos/psephos/format/sknr"
)

// A PartyVotesFormat is a reader of party-list results (votes per party,
// nationally or by district): its name, a line about it, how to recognise
// it, and its reader.
type PartyVotesFormat struct {
	Name        string
	Description string
	// detect sees the first bytes of the file and its first line split at
	// semicolons and at the generic CSV's delimiter.
	detect func(head []byte, semi, comma []string) bool
	read   func(r io.Reader, name string, opt Options) (*election.PartyVotes, error)
}

// PartyVotesFormats are the party-votes readers, in the order detection
// tries them.
var PartyVotesFormats = []PartyVotesFormat{
	{bundestag.Format, "Die Bundeswahlleiterin's result XML (Gesamtergebnis): second votes by Land",
		func(head []byte, _, _ []string) bool { return bundestag.Is(head) },
		func(r io.Reader, n string, _ Options) (*election.PartyVotes, error) {
			res, err := bundestag.Read(r, n)
			if err != nil {
				return nil, err
			}
			return res.SecondVotes, nil
		}},
	{kiesraad.Format, "Kiesraad national result CSV (Regio;Code;Type;Partij;AantalStemmen;AantalZetels)",
		func(_ []byte, semi, _ []string) bool { return kiesraad.Is(semi) },
		func(r io.Reader, n string, _ Options) (*election.PartyVotes, error) { return kiesraad.Read(r, n) }},
	{sknr.Format, "Slovak National Council result, no header: party;coalition;votes;seats",
		func(_ []byte, semi, _ []string) bool { return sknr.Is(semi) },
		func(r io.Reader, n string, _ Options) (*election.PartyVotes, error) { return sknr.Read(r, n) }},
	{partyvotes.Format, "generic party-votes CSV: party, votes, [district], [district_seats], [constituency_seats], [coalition], [official_seats]",
		func(_ []byte, _, comma []string) bool { return partyvotes.Is(comma) },
		func(r io.Reader, n string, o Options) (*election.PartyVotes, error) {
			return partyvotes.Read(r, n, o.Comma)
		}},
}

// ReadPartyVotesFile opens path and reads it with [ReadPartyVotes].
func ReadPartyVotesFile(path string, opt Options) (*election.PartyVotes, string, error) {
	return readFile(path, opt, ReadPartyVotes)
}

// ReadPartyVotes reads a party-votes file, choosing the reader from its
// first line unless opt.Format names one. It returns the table and the name
// of the format used. name is the input's name in errors.
func ReadPartyVotes(r io.Reader, name string, opt Options) (*election.PartyVotes, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var f *PartyVotesFormat
	if opt.Format != "" {
		var err error
		if f, err = byName(PartyVotesFormats, func(f *PartyVotesFormat) string { return f.Name }, opt.Format); err != nil {
			return nil, "", err
		}
	} else {
		head, err := br.Peek(br.Size())
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, "", err
		}
		head = csvio.TrimBOM(head)
		if len(bytes.TrimSpace(head)) == 0 {
			return nil, "", &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: "empty file: expected party votes"}
		}
		semi, comma := firstLine(head, ';'), firstLine(head, opt.Comma)
		for i := range PartyVotesFormats {
			if PartyVotesFormats[i].detect(head, semi, comma) {
				f = &PartyVotesFormats[i]
				break
			}
		}
		if f == nil {
			return nil, "", &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf(
				"unknown party-votes format: the first line %s matches none of %s (the generic CSV needs columns party and votes; force a format with --input-format)",
				"["+csvio.Quoted(comma, 8)+"]", strings.Join(PartyVotesFormatNames(), ", "))}
		}
	}
	t, err := f.read(br, name, opt)
	if err != nil {
		return nil, f.Name, err
	}
	return t, f.Name, nil
}

// PartyVotesFormatNames lists the party-votes readers' names.
func PartyVotesFormatNames() []string {
	return namesOf(PartyVotesFormats, func(f *PartyVotesFormat) string { return f.Name })
}

// firstLine splits the first line at comma (',' when 0), or nil.
func firstLine(head []byte, comma rune) []string {
	cr := stdcsv.NewReader(bytes.NewReader(head))
	if comma != 0 {
		cr.Comma = comma
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	h, err := cr.Read()
	if err != nil {
		return nil
	}
	for i := range h {
		h[i] = strings.TrimSpace(h[i])
	}
	return h
}
