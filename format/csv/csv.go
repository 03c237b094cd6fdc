package csv

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Format is this reader's name, as shown to users and accepted by
// --input-format.
const Format = "csv"

// Columns names the header columns that hold each value. An empty name means
// the column is absent (allowed only for the optional ones).
type Columns struct {
	Contest, ContestID, Candidate, Party, Votes string
	Seats, Electorate, Invalid                  string
	// Areas maps an area kind (election.Nation, election.Region, or any
	// other kind) to the column that holds it.
	Areas map[string]string
}

// DefaultColumns are the documented column names.
func DefaultColumns() Columns {
	return Columns{
		Contest: "contest", ContestID: "contest_id", Candidate: "candidate", Party: "party", Votes: "votes",
		Seats: "seats", Electorate: "electorate", Invalid: "invalid_votes",
		Areas: map[string]string{election.Nation: "nation", election.Region: "region"},
	}
}

// Set maps one field to a column name: field is one of contest, contest_id,
// candidate, party, votes, seats, electorate, invalid_votes, or
// area:KIND for an area of any kind (nation and region are the usual ones).
func (c *Columns) Set(field, column string) error {
	switch strings.ToLower(field) {
	case "contest":
		c.Contest = column
	case "contest_id":
		c.ContestID = column
	case "candidate":
		c.Candidate = column
	case "party":
		c.Party = column
	case "votes":
		c.Votes = column
	case "seats":
		c.Seats = column
	case "electorate":
		c.Electorate = column
	case "invalid_votes":
		c.Invalid = column
	case "nation", "region":
		c.area(strings.ToLower(field), column)
	default:
		kind, ok := strings.CutPrefix(strings.ToLower(field), "area:")
		if !ok || kind == "" {
			return fmt.Errorf("unknown field %q: expected contest, contest_id, candidate, party, votes, seats, electorate, invalid_votes, nation, region or area:KIND", field)
		}
		c.area(kind, column)
	}
	return nil
}

func (c *Columns) area(kind, column string) {
	if c.Areas == nil {
		c.Areas = map[string]string{}
	}
	c.Areas[kind] = column
}

// Is reports whether a header has the columns this reader needs under cols.
func Is(header []string, cols Columns) bool {
	return csvio.Index(header, cols.Contest) >= 0 && csvio.Index(header, cols.Votes) >= 0 &&
		csvio.Index(header, cols.Party) >= 0
}

// Options configure [Read].
type Options struct {
	Columns Columns // zero value: DefaultColumns
	Comma   rune    // field delimiter; ',' when 0
}

// Read reads a generic long CSV. name is used in errors and positions.
func Read(r io.Reader, name string, opt Options) (*election.Election, error) {
	if opt.Columns.Contest == "" && opt.Columns.Votes == "" {
		opt.Columns = DefaultColumns()
	}
	t, err := csvio.New(r, name, opt.Comma)
	if err != nil {
		return nil, err
	}
	return read(t, opt.Columns)
}

// MapHint ends the error for a file lacking a required column: the
// command line's advice, which other front ends may word otherwise.
const MapHint = "(map columns with --column FIELD=NAME)"

type contestFacts struct {
	seats, electorate, invalid int64
}

func read(t *csvio.Reader, cols Columns) (*election.Election, error) {
	req, err := t.Require(cols.Contest, cols.Party, cols.Votes)
	if err != nil {
		return nil, fmt.Errorf("%w %s", err, MapHint)
	}
	cContest, cParty, cVotes := req[0], req[1], req[2]
	opt := func(name string) int {
		if name == "" {
			return -1
		}
		return csvio.Index(t.Header, name)
	}
	// A column the user named (differing from the default name) must exist:
	// a mistyped mapping must not be ignored.
	def := DefaultColumns()
	for _, m := range []struct{ field, name, def string }{
		{"contest_id", cols.ContestID, def.ContestID}, {"candidate", cols.Candidate, def.Candidate},
		{"seats", cols.Seats, def.Seats}, {"electorate", cols.Electorate, def.Electorate}, {"invalid_votes", cols.Invalid, def.Invalid},
	} {
		if m.name != "" && !strings.EqualFold(m.name, m.def) && csvio.Index(t.Header, m.name) < 0 {
			return nil, &election.Error{Pos: election.Pos{File: t.File(), Line: 1}, Msg: fmt.Sprintf("column %q (mapped with --column %s=%s) is not in the header; found columns: %s", m.name, m.field, m.name, csvio.Quoted(t.Header, 30))}
		}
	}
	for kind, name := range cols.Areas {
		if !strings.EqualFold(name, def.Areas[kind]) && csvio.Index(t.Header, name) < 0 {
			return nil, &election.Error{Pos: election.Pos{File: t.File(), Line: 1}, Msg: fmt.Sprintf("column %q (mapped with --column %s=%s) is not in the header; found columns: %s", name, kind, name, csvio.Quoted(t.Header, 30))}
		}
	}
	cID, cCand := opt(cols.ContestID), opt(cols.Candidate)
	cSeats, cElect, cInvalid := opt(cols.Seats), opt(cols.Electorate), opt(cols.Invalid)
	type areaCol struct {
		kind string
		col  int
	}
	var areaCols []areaCol
	kinds := make([]string, 0, len(cols.Areas))
	for k := range cols.Areas {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if i := opt(cols.Areas[k]); i >= 0 {
			areaCols = append(areaCols, areaCol{k, i})
		}
	}

	e := &election.Election{}
	var parties election.PartyNames
	index := map[string]int{}
	var facts []contestFacts
	seenParty := map[[2]string]election.Pos{}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		name := strings.TrimSpace(rec[cContest])
		if name == "" {
			return nil, t.Errorf("empty %q: expected the contest's name", t.Header[cContest])
		}
		id := name
		if cID >= 0 {
			if id = strings.TrimSpace(rec[cID]); id == "" {
				return nil, t.Errorf("empty %q: expected the contest's code", t.Header[cID])
			}
		}
		ci, ok := index[id]
		if !ok {
			ci = len(e.Contests)
			index[id] = ci
			e.Contests = append(e.Contests, election.Contest{ID: id, Name: name, Seats: 1, Electorate: election.Unknown, Invalid: election.Unknown, Pos: t.Pos()})
			facts = append(facts, contestFacts{seats: -1, electorate: -1, invalid: -1})
		}
		c := &e.Contests[ci]
		if c.Name != name {
			return nil, t.Errorf("contest %q is named %q here but %q at %s", id, name, c.Name, c.Pos)
		}
		for _, a := range []struct {
			col  int
			dst  *int64
			what string
		}{{cSeats, &facts[ci].seats, "seats"}, {cElect, &facts[ci].electorate, "electorate"}, {cInvalid, &facts[ci].invalid, "invalid votes"}} {
			if a.col < 0 || strings.TrimSpace(rec[a.col]) == "" {
				continue
			}
			n, err := csvio.Votes(rec[a.col])
			if err != nil {
				return nil, t.Errorf("column %q: %s", t.Header[a.col], strings.Replace(err.Error(), "votes", a.what, 1))
			}
			if *a.dst >= 0 && *a.dst != n {
				return nil, t.Errorf("contest %q: %s %d here but %d on an earlier row", c.Name, a.what, n, *a.dst)
			}
			*a.dst = n
		}
		for _, a := range areaCols {
			v := strings.TrimSpace(rec[a.col])
			if v == "" {
				continue
			}
			if old := c.Area(a.kind); old == "" {
				c.Areas = append(c.Areas, election.Area{Kind: a.kind, Name: v})
			} else if old != v {
				return nil, t.Errorf("contest %q: %s %q here but %q on an earlier row", c.Name, a.kind, v, old)
			}
		}
		party := strings.TrimSpace(rec[cParty])
		if party == "" {
			return nil, t.Errorf("empty %q: expected a party (write Ind for an independent)", t.Header[cParty])
		}
		votes, err := csvio.Votes(rec[cVotes])
		if err != nil {
			return nil, t.Errorf("column %q: %v", t.Header[cVotes], err)
		}
		var cand string
		if cCand >= 0 {
			if cand = strings.TrimSpace(rec[cCand]); cand == "" {
				return nil, t.Errorf("empty %q: expected the candidate's name", t.Header[cCand])
			}
		} else {
			k := [2]string{id, party}
			if p, dup := seenParty[k]; dup {
				return nil, t.Errorf("contest %q: party %q appears twice (first at %s); without a candidate column each party may have one row", c.Name, party, p)
			}
			seenParty[k] = t.Pos()
		}
		parties.Add(party, party)
		c.Candidates = append(c.Candidates, election.Candidate{Name: cand, Party: party, Votes: votes, Pos: t.Pos()})
	}
	for i := range e.Contests {
		f := facts[i]
		c := &e.Contests[i]
		if f.seats >= 0 {
			if f.seats > 1<<20 {
				return nil, election.Errorf(c.Pos, "contest %q: %s seats is not a plausible number of seats", c.Name, strconv.FormatInt(f.seats, 10))
			}
			c.Seats = int(f.seats)
		}
		if f.electorate >= 0 {
			c.Electorate = f.electorate
		}
		if f.invalid >= 0 {
			c.Invalid = f.invalid
		}
	}
	e.Parties = parties.Parties()
	e.Notes = append(e.Notes, fmt.Sprintf("Parties are grouped by the %q column exactly as written (after trimming spaces).", t.Header[cParty]))
	if err := t.Validate(e); err != nil {
		return nil, err
	}
	return e, nil
}
