package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/stv"
)

// A Runoff is what `psephos count` shows for ranked ballots: an
// instant-runoff count and its transcript.
type Runoff struct {
	Election, Source, InputFormat string
	// Notes from the reader (ballot.Profile.Notes).
	Notes   []string
	Parties []string // per candidate, or nil
	Result  *stv.Result
}

// CountHeaderJSON opens the JSON of every ranked-ballot count (instant-runoff
// and STV alike): where the ballots came from, the rule, the candidates and
// the defective ballots. Every count of ballots is a string of digits.
type CountHeaderJSON struct {
	Election    string       `json:"election"`
	Source      string       `json:"source"`
	InputFormat string       `json:"input_format"`
	Method      string       `json:"method"`
	Rule        RuleJSON     `json:"rule"`
	Notes       []string     `json:"notes"`
	Candidates  []RCandidate `json:"candidates"`
	Withdrawn   []string     `json:"withdrawn"`
	Ballots     string       `json:"ballots"`
	Defects     DefectsJSON  `json:"defects"`
}

// countHeader builds the header of x's JSON under the given method and
// rule options.
func countHeader(x *Runoff, method string, options map[string]string) CountHeaderJSON {
	res := x.Result
	d := res.Defects
	h := CountHeaderJSON{Election: x.Election, Source: x.Source, InputFormat: x.InputFormat, Method: method,
		Rule:  RuleJSON{Name: res.Rules.Name, Description: res.Rules.Description, Options: options},
		Notes: append([]string{}, x.Notes...), Withdrawn: []string{}, Ballots: s64(res.Ballots),
		Defects: DefectsJSON{Blank: s64(d.Blank), Overvote: s64(d.Overvote), EqualRanking: s64(d.EqualRanking),
			SkippedRank: s64(d.SkippedRank), Duplicate: s64(d.Duplicate), Unknown: s64(d.Unknown), BeyondMaxRanks: s64(d.BeyondMaxRanks)}}
	for _, k := range res.Withdrawn {
		h.Withdrawn = append(h.Withdrawn, res.Candidates[k])
	}
	for k, c := range res.Candidates {
		rc := RCandidate{Name: c}
		if x.Parties != nil {
			rc.Party = x.Parties[k]
		}
		h.Candidates = append(h.Candidates, rc)
	}
	return h
}

// RunoffJSON is the JSON layout of an instant-runoff count (see README).
// Every count of ballots is a string of decimal digits, exact.
type RunoffJSON struct {
	CountHeaderJSON
	Elected []string         `json:"elected"`
	Seats   []RunoffSeatJSON `json:"seats"`
}

// RuleJSON names the counting rule and its options.
type RuleJSON struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Options     map[string]string `json:"options"`
}

// RCandidate is a candidate of a ranked-ballot count.
type RCandidate struct {
	Name  string `json:"name"`
	Party string `json:"party,omitempty"`
}

// DefectsJSON counts the ballots with each kind of defect (ballot.Defects).
type DefectsJSON struct {
	Blank          string `json:"blank"`
	Overvote       string `json:"overvote"`
	EqualRanking   string `json:"equal_ranking"`
	SkippedRank    string `json:"skipped_rank"`
	Duplicate      string `json:"duplicate"`
	Unknown        string `json:"unknown_candidate"`
	BeyondMaxRanks string `json:"beyond_max_ranks"`
}

// RunoffSeatJSON is the count that filled one seat.
type RunoffSeatJSON struct {
	Note     string      `json:"note,omitempty"`
	Excluded []string    `json:"excluded_before"`
	Winner   string      `json:"winner"`
	Rounds   []RoundJSON `json:"rounds"`
}

// RoundJSON is one round.
type RoundJSON struct {
	Round             int               `json:"round"`
	Tally             []TallyJSON       `json:"tally"`
	ContinuingBallots string            `json:"continuing_ballots"`
	Threshold         string            `json:"threshold"`
	Exhausted         map[string]string `json:"exhausted"`
	ExhaustedTotal    string            `json:"exhausted_total"`
	Inactive          string            `json:"inactive"`
	Elected           *string           `json:"elected"`
	Excluded          []string          `json:"excluded"`
	Tie               *RoundTieJSON     `json:"tie"`
	Transfers         []TransferJSON    `json:"transfers"`
}

// TallyJSON is one candidate's votes in a round.
type TallyJSON struct {
	Candidate string `json:"candidate"`
	Votes     string `json:"votes"`
}

// RoundTieJSON is a tie and how it was broken.
type RoundTieJSON struct {
	For            string   `json:"for"`
	Candidates     []string `json:"candidates"`
	AfterCountback []string `json:"after_countback"`
	Method         string   `json:"method"`
	// Chosen: the candidate the tie was decided for (multi-seat counts).
	Chosen string  `json:"chosen,omitempty"`
	Seed   *string `json:"seed,omitempty"`
	Stream string  `json:"stream,omitempty"`
	Draw   *int    `json:"draw,omitempty"`
	Loser  string  `json:"loser,omitempty"`
}

// TransferJSON is where an excluded candidate's ballots went.
type TransferJSON struct {
	From      string            `json:"from"`
	Ballots   string            `json:"ballots"`
	To        map[string]string `json:"to"`
	Exhausted map[string]string `json:"exhausted"`
	Inactive  string            `json:"inactive"`
}

func s64(n int64) string { return strconv.FormatInt(n, 10) }

func reasons(e [ballot.NumReasons]int64) (map[string]string, int64) {
	m := make(map[string]string, ballot.NumReasons)
	var t int64
	for r := ballot.Reason(0); r < ballot.NumReasons; r++ {
		m[r.String()] = s64(e[r])
		t += e[r]
	}
	return m, t
}

// RunoffToJSON builds the JSON layout of a count.
func RunoffToJSON(x *Runoff) RunoffJSON {
	res := x.Result
	name := func(k int) string { return res.Candidates[k] }
	names := func(ks []int) []string {
		out := make([]string, 0, len(ks))
		for _, k := range ks {
			out = append(out, name(k))
		}
		return out
	}
	r := res.Rules
	out := RunoffJSON{
		CountHeaderJSON: countHeader(x, "instant-runoff", map[string]string{
			"overvote": r.Ballot.Overvote.String(), "equal_ranking": r.Ballot.Equal.String(),
			"duplicate": r.Ballot.Duplicate.String(), "unknown_candidate": r.Ballot.Unknown.String(),
			"exhaust_on_skipped": strconv.Itoa(r.Ballot.ExhaustOnSkipped), "max_ranks": strconv.Itoa(r.Ballot.MaxRanks),
			"majority": r.Majority.String(), "exclusion": r.Exclusion.String(),
			"continue_until_two": strconv.FormatBool(r.ContinueUntilTwo), "exclude_write_ins_first": strconv.FormatBool(r.ExcludeWriteInsFirst),
			"tie_countback": r.TieBreak.Countback.String(), "tie_fallback": r.TieBreak.Fallback.String(),
			"tie_seed": strconv.FormatUint(r.TieBreak.Seed, 10), "tie_order": strings.Join(r.TieBreak.Order, ">"),
			"seats": strconv.Itoa(max(r.Seats, 1)), "filling": r.Filling.String(),
		}),
		Elected: names(res.Elected),
	}
	for _, s := range res.Seats {
		sj := RunoffSeatJSON{Note: s.Note, Excluded: names(s.Excluded), Winner: name(s.Winner)}
		for _, rd := range s.Rounds {
			ex, tot := reasons(rd.Exhausted)
			rj := RoundJSON{Round: rd.Number, ContinuingBallots: s64(rd.ContinuingBallots), Threshold: s64(rd.Threshold),
				Exhausted: ex, ExhaustedTotal: s64(tot), Inactive: s64(rd.Inactive), Excluded: names(rd.Excluded),
				Transfers: []TransferJSON{}}
			for _, k := range byVotes(rd.Continuing, rd.Votes) {
				rj.Tally = append(rj.Tally, TallyJSON{Candidate: name(k), Votes: s64(rd.Votes[k])})
			}
			if rd.Elected >= 0 {
				e := name(rd.Elected)
				rj.Elected = &e
			}
			if t := rd.Tie; t != nil {
				tj := &RoundTieJSON{For: t.For, Candidates: names(t.Candidates), AfterCountback: names(t.AfterCountback), Method: t.Method, Loser: name(t.Loser)}
				if t.Method == "lot" {
					seed, draw := strconv.FormatUint(t.Seed, 10), t.Draw
					tj.Seed, tj.Draw, tj.Stream = &seed, &draw, t.Stream
				}
				rj.Tie = tj
			}
			for _, t := range rd.Transfers {
				from := "inactive ballots"
				if t.From >= 0 {
					from = name(t.From)
				}
				tr := TransferJSON{From: from, Ballots: s64(t.Ballots), To: map[string]string{}, Inactive: s64(t.Inactive)}
				tr.Exhausted, _ = reasons(t.Exhausted)
				for k, v := range t.To {
					if v != 0 {
						tr.To[name(k)] = s64(v)
					}
				}
				rj.Transfers = append(rj.Transfers, tr)
			}
			sj.Rounds = append(sj.Rounds, rj)
		}
		out.Seats = append(out.Seats, sj)
	}
	return out
}

// byVotes orders candidates by votes, most first; equal votes by index.
func byVotes(ks []int, v []int64) []int {
	out := append([]int(nil), ks...)
	sort.SliceStable(out, func(i, j int) bool { return v[out[i]] > v[out[j]] })
	return out
}

// WriteRunoff renders an instant-runoff count: JSON (the transcript), CSV
// (one row per seat, round and candidate), or a table / Markdown of votes
// by round with the exhausted ballots by reason and each round's decision.
func WriteRunoff(w io.Writer, x *Runoff, format string) error {
	res := x.Result
	if res.Rules.Method != stv.InstantRunoff {
		return writeSTV(w, x, format)
	}
	switch format {
	case JSON:
		return writeJSON(w, RunoffToJSON(x))
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"seat", "round", "candidate", "votes", "status", "threshold", "continuing_ballots", "exhausted"})
		for si, s := range res.Seats {
			for _, rd := range s.Rounds {
				_, tot := reasons(rd.Exhausted)
				for _, k := range byVotes(rd.Continuing, rd.Votes) {
					st := "continuing"
					if rd.Elected == k {
						st = "elected"
					}
					for _, e := range rd.Excluded {
						if e == k {
							st = "excluded"
						}
					}
					cw.Write([]string{strconv.Itoa(si + 1), strconv.Itoa(rd.Number), res.Candidates[k], s64(rd.Votes[k]), st,
						s64(rd.Threshold), s64(rd.ContinuingBallots), s64(tot)})
				}
			}
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		var b strings.Builder
		title := x.Election
		if title == "" {
			title = x.Source
		}
		fmt.Fprintf(&b, "%s: instant-runoff count (%s)\n", title, x.InputFormat)
		if res.Rules.Name != "" {
			fmt.Fprintf(&b, "Rule: %s. %s\n", res.Rules.Name, res.Rules.Description)
		}
		fmt.Fprintf(&b, "Options: %s\n", res.Rules)
		d := res.Defects
		fmt.Fprintf(&b, "Ballots: %s; blank %s. Ballots with an overvote %s, equal ranking %s, skipped rank %s, repeated candidate %s, unknown candidate %s, marks beyond the ranks counted %s.\n",
			num(res.Ballots), num(d.Blank), num(d.Overvote), num(d.EqualRanking), num(d.SkippedRank), num(d.Duplicate), num(d.Unknown), num(d.BeyondMaxRanks))
		for _, n := range x.Notes {
			fmt.Fprintf(&b, "Note: %s\n", n)
		}
		if format == Markdown {
			b.WriteString("\n")
		}
		for si, s := range res.Seats {
			if len(res.Seats) > 1 {
				fmt.Fprintf(&b, "\nSeat %d", si+1)
				if s.Note != "" {
					fmt.Fprintf(&b, " (%s)", s.Note)
				}
				b.WriteString("\n")
			}
			b.WriteString(render(roundsTable(res, &s), format) + "\n")
			item := ""
			if format == Markdown {
				b.WriteString("\n")
				item = "- "
			}
			for _, rd := range s.Rounds {
				b.WriteString(item + roundLine(res, &rd) + "\n")
			}
			if format == Markdown {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "Elected: %s\n", res.Candidates[s.Winner])
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}

func roundsTable(res *stv.Result, s *stv.Seat) table.Writer {
	hdr := table.Row{"Candidate"}
	for _, rd := range s.Rounds {
		hdr = append(hdr, fmt.Sprintf("Round %d", rd.Number))
	}
	t := newTable(hdr)
	// Candidates in the order they finished: winner, then by the round of
	// exclusion, latest first.
	first := s.Rounds[0]
	out := map[int]int{}
	for _, rd := range s.Rounds {
		for _, k := range rd.Excluded {
			out[k] = rd.Number
		}
	}
	order := append([]int(nil), first.Continuing...)
	last := s.Rounds[len(s.Rounds)-1]
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if (a == s.Winner) != (b == s.Winner) {
			return a == s.Winner
		}
		ra, oka := out[a]
		rb, okb := out[b]
		if !oka || !okb {
			if oka != okb {
				return !oka
			}
			return last.Votes[a] > last.Votes[b]
		}
		if ra != rb {
			return ra > rb
		}
		return s.Rounds[ra-1].Votes[a] > s.Rounds[rb-1].Votes[b]
	})
	for _, k := range order {
		row := table.Row{res.Candidates[k]}
		for _, rd := range s.Rounds {
			in := false
			for _, c := range rd.Continuing {
				if c == k {
					in = true
				}
			}
			switch {
			case !in:
				row = append(row, "")
			default:
				cell := num(rd.Votes[k])
				if rd.Elected == k {
					cell += " elected"
				}
				for _, e := range rd.Excluded {
					if e == k {
						cell += " out"
					}
				}
				row = append(row, cell)
			}
		}
		t.AppendRow(row)
	}
	t.AppendSeparator()
	for r := ballot.Reason(0); r < ballot.NumReasons; r++ {
		any := false
		row := table.Row{"Exhausted: " + strings.ReplaceAll(r.String(), "_", " ")}
		for _, rd := range s.Rounds {
			any = any || rd.Exhausted[r] > 0
			row = append(row, num(rd.Exhausted[r]))
		}
		if any {
			t.AppendRow(row)
		}
	}
	inactive := table.Row{"Inactive"}
	anyInactive := false
	cont := table.Row{"Continuing ballots"}
	thr := table.Row{"Threshold"}
	for _, rd := range s.Rounds {
		anyInactive = anyInactive || rd.Inactive > 0
		inactive = append(inactive, num(rd.Inactive))
		cont = append(cont, num(rd.ContinuingBallots))
		thr = append(thr, num(rd.Threshold))
	}
	if anyInactive {
		t.AppendRow(inactive)
	}
	t.AppendRow(cont)
	t.AppendRow(thr)
	cols := make([]int, 0, len(s.Rounds))
	for i := range s.Rounds {
		cols = append(cols, i+2)
	}
	rightAlign(t, cols...)
	return t
}

func roundLine(res *stv.Result, rd *stv.Round) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Round %d: ", rd.Number)
	if rd.Tie != nil {
		t := rd.Tie
		var tied []string
		for _, k := range t.Candidates {
			tied = append(tied, res.Candidates[k])
		}
		fmt.Fprintf(&b, "tie for %s between %s", t.For, strings.Join(tied, ", "))
		if len(t.AfterCountback) > 0 && len(t.AfterCountback) < len(t.Candidates) {
			var left []string
			for _, k := range t.AfterCountback {
				left = append(left, res.Candidates[k])
			}
			fmt.Fprintf(&b, ", narrowed by countback to %s", strings.Join(left, ", "))
		}
		switch t.Method {
		case "lot":
			fmt.Fprintf(&b, ", decided by psephos's seeded lot (seed %d, draw %d; not an official result)", t.Seed, t.Draw)
		case "order":
			b.WriteString(", decided by the given tie-break order")
		default:
			fmt.Fprintf(&b, ", decided by %s", t.Method)
		}
		b.WriteString("; ")
	}
	if rd.Elected >= 0 {
		fmt.Fprintf(&b, "%s elected with %s votes (threshold %s).", res.Candidates[rd.Elected], num(rd.Votes[rd.Elected]), num(rd.Threshold))
		return b.String()
	}
	var parts []string
	for _, t := range rd.Transfers {
		from := "inactive ballots"
		if t.From >= 0 {
			from = res.Candidates[t.From] + " excluded"
		}
		var to []string
		for _, k := range byVotes(nonzero(t.To), t.To) {
			to = append(to, fmt.Sprintf("%s +%s", res.Candidates[k], num(t.To[k])))
		}
		_, ex := reasons(t.Exhausted)
		if ex > 0 {
			to = append(to, "exhausted +"+num(ex))
		}
		if t.Inactive > 0 {
			to = append(to, "inactive "+num(t.Inactive))
		}
		parts = append(parts, fmt.Sprintf("%s (%s): %s", from, num(t.Ballots), strings.Join(to, ", ")))
	}
	b.WriteString(strings.Join(parts, "; "))
	return b.String()
}

func nonzero(v []int64) []int {
	var out []int
	for k, x := range v {
		if x != 0 {
			out = append(out, k)
		}
	}
	return out
}
