package sknr

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format is this reader's name, as shown to users and accepted by
// --input-format.
const Format = "sk-nr"

// Seats is the size of the National Council (Constitution of the Slovak
// Republic, art. 73(1)).
const Seats = 150

// Is reports whether the first line (split at semicolons) looks like this
// format's first row: four fields, the second 0 or 1 and the last two
// whole numbers. The format has no header to recognise.
func Is(first []string) bool {
	if len(first) != 4 || strings.TrimSpace(first[0]) == "" {
		return false
	}
	c := strings.TrimSpace(first[1])
	if c != "0" && c != "1" {
		return false
	}
	for _, f := range first[2:] {
		if _, err := strconv.ParseUint(strings.TrimSpace(f), 10, 63); err != nil {
			return false
		}
	}
	return true
}

// Read reads the file; name names it in errors.
func Read(r io.Reader, name string) (*election.PartyVotes, error) {
	cr, err := csvio.NewNoHeader(r, name, ';', 4)
	if err != nil {
		return nil, err
	}
	t := &election.PartyVotes{Name: "Národná rada Slovenskej republiky"}
	d := election.District{ID: "SK", Name: "Slovensko", Seats: Seats, Pos: election.Pos{File: name, Line: 1}}
	var names election.PartyNames
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		l := election.List{Party: strings.TrimSpace(rec[0]), Pos: cr.Pos()}
		if l.Party == "" {
			return nil, cr.Errorf("expected a party name in field 1, found an empty field")
		}
		switch strings.TrimSpace(rec[1]) {
		case "0":
		case "1":
			l.Coalition = true
		default:
			return nil, cr.Errorf("field 2 (coalition): expected 0 or 1, found %q", rec[1])
		}
		if l.Votes, err = csvio.Votes(rec[2]); err != nil {
			return nil, cr.Errorf("field 3 (votes): %v", err)
		}
		k, err := strconv.Atoi(strings.TrimSpace(rec[3]))
		if err != nil || k < 0 {
			return nil, cr.Errorf("field 4 (seats): expected a whole number of seats ≥ 0, found %q", rec[3])
		}
		l.OfficialSeats = k
		names.Add(l.Party, l.Party)
		d.Lists = append(d.Lists, l)
	}
	if len(d.Lists) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name}, Msg: "empty file: expected rows party;coalition;votes;seats"}
	}
	t.Districts = []election.District{d}
	t.Parties = names.Parties()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	official := 0
	for _, l := range d.Lists {
		official += l.OfficialSeats
	}
	if official != 0 && official != Seats {
		return nil, &election.Error{Pos: election.Pos{File: name}, Msg: fmt.Sprintf("the seats column sums to %d; expected %d (the National Council) or 0", official, Seats)}
	}
	return t, nil
}
