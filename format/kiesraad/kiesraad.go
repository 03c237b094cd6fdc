package kiesraad

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
const Format = "kiesraad"

var header = []string{"Regio", "Code", "Type", "Partij", "AantalStemmen", "AantalZetels"}

// Is reports whether a header line (split at semicolons) is this format's.
func Is(h []string) bool {
	if len(h) < len(header) {
		return false
	}
	for i, n := range header {
		if !strings.EqualFold(strings.TrimSpace(h[i]), n) {
			return false
		}
	}
	return true
}

// Read reads the file; name names it in errors.
func Read(r io.Reader, name string) (*election.PartyVotes, error) {
	cr, err := csvio.New(r, name, ';')
	if err != nil {
		return nil, err
	}
	if !Is(cr.Header) {
		return nil, &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf("expected the Kiesraad header %s, found %s", strings.Join(header, ";"), strings.Join(cr.Header, ";"))}
	}
	t := &election.PartyVotes{}
	var d *election.District
	var names election.PartyNames
	var valid int64 = -1
	var validPos election.Pos
	var sum int64
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		for i := len(header); i < len(rec); i++ {
			if strings.TrimSpace(rec[i]) != "" {
				return nil, cr.Errorf("unexpected value %q after the AantalZetels column; expected an empty field", rec[i])
			}
		}
		region, code, typ, party := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2]), strings.TrimSpace(rec[3])
		if region == "" {
			return nil, cr.Errorf("expected a region (Regio), found an empty field")
		}
		if d == nil {
			t.Districts = append(t.Districts, election.District{ID: region, Name: region, Pos: cr.Pos()})
			d = &t.Districts[0]
			if code != "" {
				t.Notes = append(t.Notes, "Kiesraad area code "+code)
			}
		} else if region != d.Name {
			return nil, cr.Errorf("region %q; expected every row to be for %q (the national result)", region, d.Name)
		}
		n, err := csvio.Votes(rec[4])
		if err != nil {
			return nil, cr.Errorf("AantalStemmen: %v", err)
		}
		switch typ {
		case "Partij":
			if party == "" {
				return nil, cr.Errorf("a Partij row with no party name")
			}
			// An empty AantalZetels gives no number: unknown, not 0 (the
			// Kiesraad leaves it empty for lists without seats, but the file
			// does not say so).
			l := election.List{Party: party, Votes: n, OfficialSeats: -1, Pos: cr.Pos()}
			if s := strings.TrimSpace(rec[5]); s != "" {
				k, err := strconv.Atoi(s)
				if err != nil || k < 0 {
					return nil, cr.Errorf("AantalZetels: expected a whole number of seats ≥ 0, found %q", rec[5])
				}
				l.OfficialSeats = k
			}
			names.Add(party, party)
			d.Lists = append(d.Lists, l)
			sum += n
		case "AantalGeldigeStemmen":
			valid, validPos = n, cr.Pos()
			t.Notes = append(t.Notes, "valid votes on lists (AantalGeldigeStemmen): "+election.Thousands(n))
		case "AantalBlancoStemmen":
			t.Notes = append(t.Notes, "blank votes (AantalBlancoStemmen), not votes for any list: "+election.Thousands(n))
		case "AantalOngeldigeStemmen":
			t.Notes = append(t.Notes, "invalid votes (AantalOngeldigeStemmen): "+election.Thousands(n))
		case "Kiesgerechtigden":
			t.Notes = append(t.Notes, "electorate (Kiesgerechtigden): "+election.Thousands(n))
		case "Opkomst":
			t.Notes = append(t.Notes, "turnout, ballots cast (Opkomst): "+election.Thousands(n))
		default:
			return nil, cr.Errorf("unknown Type %q; expected Partij, AantalGeldigeStemmen, AantalBlancoStemmen, AantalOngeldigeStemmen, Kiesgerechtigden or Opkomst", typ)
		}
	}
	if d == nil || len(d.Lists) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name, Line: 2}, Msg: "no Partij rows: expected one row per list"}
	}
	if valid >= 0 && valid != sum {
		return nil, &election.Error{Pos: validPos, Msg: fmt.Sprintf("AantalGeldigeStemmen is %d but the lists' votes sum to %d; expected them to agree (is a row missing?)", valid, sum)}
	}
	t.Name = "Tweede Kamer, " + d.Name
	t.Parties = names.Parties()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}
