package election

import "time"

// A Poll is one published opinion poll of voting intention, or an election
// result reported in the same layout (Result is then true).
type Poll struct {
	// Pollster is the polling company, e.g. "YouGov". Never empty.
	Pollster string
	// Client is who commissioned or published the poll, as the source
	// abbreviates it (e.g. "TT" for The Times); may be empty.
	Client string
	// Start is the first day of fieldwork (a date, UTC midnight), or the
	// zero time when the source gives none.
	Start time.Time
	// Month is the first day of the month the source files the poll under,
	// or the zero time when it gives none.
	Month time.Time
	// Fieldwork is the source's fieldwork text as given (e.g. "8-10").
	Fieldwork string
	// Shares are the parties' vote shares in percent (0–100) that the poll
	// reports, in the source's column order. A party the poll does not
	// report is absent (not zero).
	Shares []PollShare
	// MRP marks a multilevel-regression (MRP) poll.
	MRP bool
	// Result marks a row that is an election result, not a poll.
	Result bool
	// Note is the source's note on the poll's geography or method, as given.
	Note string
	// Pos is where the poll was read from.
	Pos Pos
}

// A PollShare is one party's share in a poll: Percent of the respondents
// expressing a voting intention (0–100).
type PollShare struct {
	Party   string
	Percent float64
}

// Share returns the poll's share for party (percent) and whether the poll
// reports it.
func (p *Poll) Share(party string) (float64, bool) {
	for _, s := range p.Shares {
		if s.Party == party {
			return s.Percent, true
		}
	}
	return 0, false
}
