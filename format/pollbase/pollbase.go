package pollbase

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/internal/csvio"
)

// Parties maps PollBase's party columns to party codes, in column order.
var Parties = []struct{ Column, Party string }{
	{"con", "Con"}, {"lab", "Lab"}, {"ld", "LD"}, {"green", "Green"}, {"reform", "RUK"}, {"ukip", "UKIP"},
}

// required are the columns every file must have; the party columns con,
// lab and ld must be present too (the others are optional).
var required = []string{"year", "month", "fieldwork_start", "pollster"}

// ResultPollster is the pollster name PollBase gives the election result row.
const ResultPollster = "Result"

var months = map[string]time.Month{
	"jan": time.January, "january": time.January, "feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March, "apr": time.April, "april": time.April, "may": time.May,
	"jun": time.June, "june": time.June, "jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August, "sep": time.September, "sept": time.September,
	"september": time.September, "oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November, "dec": time.December, "december": time.December,
}

// Read reads a PollBase CSV. name is the input's name in errors.
func Read(r io.Reader, name string) ([]election.Poll, error) {
	t, err := csvio.New(r, name, ',')
	if err != nil {
		return nil, err
	}
	col, err := t.Require(append(required, "con", "lab", "ld")...)
	if err != nil {
		return nil, err
	}
	cYear, cMonth, cStart, cPollster := col[0], col[1], col[2], col[3]
	type partyCol struct {
		idx   int
		party string
	}
	var pcols []partyCol
	for _, p := range Parties {
		if i := csvio.Index(t.Header, p.Column); i >= 0 {
			pcols = append(pcols, partyCol{i, p.Party})
		}
	}
	opt := func(n string) int { return csvio.Index(t.Header, n) }
	cField, cPub, cMRP, cNote := opt("fieldwork"), opt("publisher"), opt("mrp"), opt("geography_note")
	get := func(rec []string, i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var out []election.Poll
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p := election.Poll{Pollster: get(rec, cPollster), Client: get(rec, cPub), Fieldwork: get(rec, cField),
			MRP: get(rec, cMRP) != "", Note: get(rec, cNote), Pos: t.Pos()}
		if p.Pollster == "" {
			return nil, t.Errorf("empty \"pollster\"; expected the polling company's name")
		}
		p.Result = p.Pollster == ResultPollster
		ys := get(rec, cYear)
		year, err := strconv.Atoi(ys)
		if err != nil || len(ys) != 4 {
			return nil, t.Errorf("column \"year\": expected a four-digit year, found %q", rec[cYear])
		}
		if ms := get(rec, cMonth); ms != "" {
			m, ok := months[strings.ToLower(ms)]
			if !ok {
				return nil, t.Errorf("column \"month\": expected an English month name such as Jan or January, found %q", rec[cMonth])
			}
			p.Month = time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		}
		if s := get(rec, cStart); s != "" {
			d, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return nil, t.Errorf("column \"fieldwork_start\": expected a date YYYY-MM-DD, found %q", rec[cStart])
			}
			p.Start = d
		}
		sum := 0.0
		for _, pc := range pcols {
			s := get(rec, pc.idx)
			if s == "" {
				continue
			}
			v, err := parseShare(s)
			if err != nil {
				return nil, t.Errorf("column %q: %v", t.Header[pc.idx], err)
			}
			sum += v
			p.Shares = append(p.Shares, election.PollShare{Party: pc.party, Percent: v})
		}
		if limit := 100 + 0.5*float64(len(p.Shares)); sum > limit+1e-9 {
			return nil, t.Errorf("the party shares sum to %s%%; expected at most 100%% (plus %.1f for rounding)", strconv.FormatFloat(sum, 'f', -1, 64), limit-100)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, &election.Error{Pos: election.Pos{File: name}, Msg: "no polls: expected at least one row after the header"}
	}
	return out, nil
}

// parseShare parses a percentage: digits with at most one decimal point, in
// [0, 100].
func parseShare(s string) (float64, error) {
	dot := false
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case c == '-':
			return 0, fmt.Errorf("expected a share of 0 to 100 percent, found a negative %q", s)
		default:
			return 0, fmt.Errorf("expected a share in percent such as 34 or 34.5, found %q", s)
		}
	}
	if digits == 0 || digits > 12 {
		return 0, fmt.Errorf("expected a share in percent such as 34 or 34.5, found %q", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		return 0, fmt.Errorf("expected a share in percent such as 34 or 34.5, found %q", s)
	}
	if v > 100 {
		return 0, fmt.Errorf("expected a share of 0 to 100 percent, found %q", s)
	}
	return v, nil
}

// ReadFile is a convenience wrapper around Read for a file path.
func ReadFile(path string) ([]election.Poll, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}
