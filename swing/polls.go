package swing

import (
	"fmt"
	"strings"
	"time"

	"github.com/psephos/psephos/election"
)

// Poll-averaging methods.
const (
	// PollMean is the arithmetic mean of every poll in the window.
	PollMean = "mean"
	// PollPollster averages each pollster's polls first, then takes the
	// mean over pollsters, so a pollster that publishes often counts once.
	PollPollster = "pollster"
)

// A PollAverage is the average of the polls in a date window.
type PollAverage struct {
	From, To time.Time // the window, inclusive, by first day of fieldwork
	Method   string
	// Shares: each party's average in percent, over the polls in the window
	// that report it, in the order parties first appear; then Others, the
	// rest to 100.
	Shares []Share
	// Reported[i] is the number of polls (or pollsters, for PollPollster)
	// the average of Shares[i] is taken over.
	Reported []int
	// Polls used, in input order.
	Polls []election.Poll
	// Pollsters is the number of distinct pollsters used.
	Pollsters int
	// Left out of the window's polls, with the reason: results rows, MRP
	// polls when excluded; undated polls can be in no window and are
	// counted in Undated.
	ResultRows, MRP, Undated int
}

// AveragePolls averages the polls whose first day of fieldwork is between
// from and to inclusive, by method (PollMean or PollPollster), leaving out
// election-result rows and, unless includeMRP, MRP polls. A party's average
// is over the polls that report it (a blank cell is "not reported", not 0);
// Others is 100 minus the named parties' averages. Polls without a
// fieldwork date are counted in Undated. It is an error when no poll is in
// the window or the averages exceed 100.
func AveragePolls(polls []election.Poll, from, to time.Time, method string, includeMRP bool) (*PollAverage, error) {
	if method == "" {
		method = PollPollster
	}
	if method != PollMean && method != PollPollster {
		return nil, fmt.Errorf("unknown poll average %q; expected %s or %s", method, PollMean, PollPollster)
	}
	if to.Before(from) {
		return nil, fmt.Errorf("poll window %s to %s: the end is before the start", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	avg := &PollAverage{From: from, To: to, Method: method}
	type acc struct {
		sum float64
		n   int
	}
	var order []string
	byPollster := map[string]map[string]*acc{} // pollster → party → acc
	var pollsters []string
	for _, p := range polls {
		if p.Start.IsZero() {
			avg.Undated++
			continue
		}
		if p.Start.Before(from) || p.Start.After(to) {
			continue
		}
		if p.Result {
			avg.ResultRows++
			continue
		}
		if p.MRP && !includeMRP {
			avg.MRP++
			continue
		}
		avg.Polls = append(avg.Polls, p)
		key := p.Pollster
		if method == PollMean {
			key = "" // one pool
		}
		m, ok := byPollster[key]
		if !ok {
			m = map[string]*acc{}
			byPollster[key] = m
			pollsters = append(pollsters, key)
		}
		for _, s := range p.Shares {
			a, ok := m[s.Party]
			if !ok {
				a = &acc{}
				m[s.Party] = a
				if !contains(order, s.Party) {
					order = append(order, s.Party)
				}
			}
			a.sum += s.Percent
			a.n++
		}
	}
	if len(avg.Polls) == 0 {
		return nil, fmt.Errorf("no polls with fieldwork starting %s to %s (left out: %d result rows, %d MRP polls; %d polls have no date)",
			from.Format(time.DateOnly), to.Format(time.DateOnly), avg.ResultRows, avg.MRP, avg.Undated)
	}
	names := map[string]bool{}
	for _, p := range avg.Polls {
		names[p.Pollster] = true
	}
	avg.Pollsters = len(names)
	total := 0.0
	for _, party := range order {
		sum, n := 0.0, 0
		for _, key := range pollsters {
			if a, ok := byPollster[key][party]; ok {
				sum += a.sum / float64(a.n)
				n++
			}
		}
		v := sum / float64(n)
		if method == PollMean {
			n = byPollster[""][party].n
		}
		avg.Shares = append(avg.Shares, Share{party, v})
		avg.Reported = append(avg.Reported, n)
		total += v
	}
	if total > 100+1e-9 {
		return nil, fmt.Errorf("poll averages sum to %s%%, more than 100%%", fmtPct(total))
	}
	avg.Shares = append(avg.Shares, Share{Others, 100 - total})
	avg.Reported = append(avg.Reported, len(pollsters))
	return avg, nil
}

// Describe states the method in one sentence, for reports.
func (a *PollAverage) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Average of %d poll(s) by %d pollster(s) with fieldwork starting %s to %s", len(a.Polls), a.Pollsters, a.From.Format(time.DateOnly), a.To.Format(time.DateOnly))
	if a.Method == PollPollster {
		b.WriteString(", each pollster's polls averaged first and pollsters weighted equally")
	} else {
		b.WriteString(", every poll weighted equally")
	}
	b.WriteString("; a party's average is over the polls that report it, others are the rest to 100")
	var left []string
	if a.MRP > 0 {
		left = append(left, fmt.Sprintf("%d MRP poll(s)", a.MRP))
	}
	if a.ResultRows > 0 {
		left = append(left, fmt.Sprintf("%d election-result row(s)", a.ResultRows))
	}
	if len(left) > 0 {
		b.WriteString("; left out: " + strings.Join(left, ", "))
	}
	if a.Undated > 0 {
		fmt.Fprintf(&b, "; %d undated row(s) in the file fall in no window", a.Undated)
	}
	b.WriteString(".")
	return b.String()
}

// Target returns the average as a national target.
func (a *PollAverage) Target() Target {
	return Target{Shares: append([]Share(nil), a.Shares...)}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
