package partyvotes

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
const Format = "party-votes"

// National is the ID and name of the one district of a file without a
// district column.
const National = "national"

// Is reports whether a header line is this format's: it has party and
// votes columns and no contest column (which marks the long candidate CSV).
func Is(header []string) bool {
	return csvio.Index(header, "party") >= 0 && csvio.Index(header, "votes") >= 0 && csvio.Index(header, "contest") < 0
}

// Read reads the file. name names it in errors; comma is the field
// delimiter (',' when 0).
func Read(r io.Reader, name string, comma rune) (*election.PartyVotes, error) {
	cr, err := csvio.New(r, name, comma)
	if err != nil {
		return nil, err
	}
	cols, err := cr.Require("party", "votes")
	if err != nil {
		return nil, err
	}
	party, votes := cols[0], cols[1]
	district := csvio.Index(cr.Header, "district")
	dseats := csvio.Index(cr.Header, "district_seats")
	cseats := csvio.Index(cr.Header, "constituency_seats")
	if cseats < 0 {
		cseats = csvio.Index(cr.Header, "electorate_seats")
	}
	coalition := csvio.Index(cr.Header, "coalition")
	official := csvio.Index(cr.Header, "official_seats")

	t := &election.PartyVotes{Name: name}
	var names election.PartyNames
	byID := map[string]int{}
	seatsPos := map[string]election.Pos{}
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		pos := cr.Pos()
		dname := National
		if district >= 0 {
			dname = strings.TrimSpace(rec[district])
			if dname == "" {
				return nil, cr.Errorf("expected a district name in column %q, found an empty field", cr.Header[district])
			}
		}
		di, ok := byID[dname]
		if !ok {
			di = len(t.Districts)
			byID[dname] = di
			t.Districts = append(t.Districts, election.District{ID: dname, Name: dname, Pos: pos})
		}
		d := &t.Districts[di]
		if dseats >= 0 && strings.TrimSpace(rec[dseats]) != "" {
			n, err := count(rec[dseats], "district seats")
			if err != nil {
				return nil, cr.Errorf("column %q: %v", cr.Header[dseats], err)
			}
			if n < 1 {
				return nil, cr.Errorf("district %q: expected at least 1 seat in column %q, found %d", dname, cr.Header[dseats], n)
			}
			if d.Seats != 0 && d.Seats != n {
				return nil, cr.Errorf("district %q: %d seats here but %d at %s; expected the same number on every row", dname, n, d.Seats, seatsPos[dname])
			}
			d.Seats = n
			seatsPos[dname] = pos
		}
		l := election.List{Party: strings.TrimSpace(rec[party]), OfficialSeats: -1, Pos: pos}
		if l.Party == "" {
			return nil, cr.Errorf("expected a party name in column %q, found an empty field", cr.Header[party])
		}
		if l.Votes, err = csvio.Votes(rec[votes]); err != nil {
			return nil, cr.Errorf("column %q: %v", cr.Header[votes], err)
		}
		if cseats >= 0 && strings.TrimSpace(rec[cseats]) != "" {
			if l.ConstituencySeats, err = count(rec[cseats], "constituency seats"); err != nil {
				return nil, cr.Errorf("column %q: %v", cr.Header[cseats], err)
			}
		}
		if coalition >= 0 {
			if l.Coalition, err = flag(rec[coalition]); err != nil {
				return nil, cr.Errorf("column %q: %v", cr.Header[coalition], err)
			}
		}
		if official >= 0 && strings.TrimSpace(rec[official]) != "" {
			if l.OfficialSeats, err = count(rec[official], "seats"); err != nil {
				return nil, cr.Errorf("column %q: %v", cr.Header[official], err)
			}
		}
		names.Add(l.Party, l.Party)
		d.Lists = append(d.Lists, l)
	}
	if len(t.Districts) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name, Line: 2}, Msg: "no rows: expected one row per party after the header"}
	}
	if dseats >= 0 {
		for i := range t.Districts {
			if d := &t.Districts[i]; d.Seats == 0 {
				return nil, &election.Error{Pos: d.Pos, Msg: fmt.Sprintf("district %q: no seats given in column %q; expected at least 1 seat for every district", d.Name, cr.Header[dseats])}
			}
		}
	}
	t.Parties = names.Parties()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

// count parses a whole number ≥ 0 (a number of seats).
func count(field, what string) (int, error) {
	s := strings.TrimSpace(field)
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("expected a whole number of %s, found %q", what, field)
	}
	if n < 0 {
		return 0, fmt.Errorf("expected a number of %s ≥ 0, found %q", what, field)
	}
	return n, nil
}

func flag(field string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(field)) {
	case "1", "true", "yes", "y":
		return true, nil
	case "0", "false", "no", "n", "":
		return false, nil
	}
	return false, fmt.Errorf("expected 1 or 0 (true/false, yes/no), found %q", field)
}
