package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/psephos/psephos/condorcet"
)

// A Pairwise is what `psephos count --pairwise` shows: the head-to-head
// table of a ranked-ballot election.
type Pairwise struct {
	Election, Source, InputFormat string
	Notes                         []string
	Matrix                        *condorcet.Matrix
}

// A CondorcetCount is what `psephos count --method M` shows: one method's
// result, with the pairwise table when Pairwise is set (table and
// Markdown; JSON always has it).
type CondorcetCount struct {
	Pairwise
	Result       *condorcet.Result
	WithPairwise bool
}

// PairwiseJSON is the JSON layout of the pairwise comparison (see
// README). Counts are strings of digits.
type PairwiseJSON struct {
	Election    string            `json:"election"`
	Source      string            `json:"source"`
	InputFormat string            `json:"input_format"`
	Options     map[string]string `json:"options"`
	Notes       []string          `json:"notes"`
	Ballots     string            `json:"ballots"`
	// Empty ballots state no preference; see condorcet.Matrix.
	Empty        string `json:"empty"`
	EqualRanking string `json:"equal_ranking"`
	Overvote     string `json:"overvote"`
	// Ballots with marks passed over by the fixed readings: a mark naming
	// no candidate, a repeated candidate, a skipped rank.
	Unknown     string   `json:"unknown"`
	Duplicate   string   `json:"duplicate"`
	SkippedRank string   `json:"skipped_rank"`
	Candidates  []string `json:"candidates"`
	// Matrix[a][b]: ballots preferring candidate a to candidate b.
	Matrix          [][]string `json:"matrix"`
	CondorcetWinner *string    `json:"condorcet_winner"`
	CondorcetLoser  *string    `json:"condorcet_loser"`
	Smith           []string   `json:"smith_set"`
	Schwartz        []string   `json:"schwartz_set"`
}

// PairwiseToJSON builds the JSON layout of a pairwise table.
func PairwiseToJSON(x *Pairwise) PairwiseJSON {
	m := x.Matrix
	out := PairwiseJSON{Election: x.Election, Source: x.Source, InputFormat: x.InputFormat, Notes: nonNil(x.Notes),
		Options: map[string]string{"unranked": m.Options.Unranked.String(), "overvote": m.Options.Overvote.String(), "equal_ranks_allowed": strconv.FormatBool(m.EqualRanks)},
		Ballots: s64(m.Ballots), Empty: s64(m.Empty), EqualRanking: s64(m.EqualRanking), Overvote: s64(m.Overvote),
		Unknown: s64(m.Unknown), Duplicate: s64(m.Duplicate), SkippedRank: s64(m.SkippedRank),
		Candidates: nonNil(m.Names), Matrix: [][]string{}, Smith: cnames(m, m.Smith()), Schwartz: cnames(m, m.Schwartz())}
	for a := 0; a < m.N(); a++ {
		row := make([]string, m.N())
		for b := range row {
			row[b] = s64(m.Prefer(a, b))
		}
		out.Matrix = append(out.Matrix, row)
	}
	out.CondorcetWinner = optName(m, m.CondorcetWinner())
	out.CondorcetLoser = optName(m, m.CondorcetLoser())
	return out
}

func cnames(m *condorcet.Matrix, ks []int) []string {
	out := make([]string, 0, len(ks))
	for _, k := range ks {
		out = append(out, m.Names[k])
	}
	return out
}

func optName(m *condorcet.Matrix, k int) *string {
	if k < 0 {
		return nil
	}
	s := m.Names[k]
	return &s
}

// pairwiseOrder orders candidates for display: by pairwise wins (a tie
// counting half), then by name. It decides nothing.
func pairwiseOrder(m *condorcet.Matrix) []int {
	score := make([]int, m.N())
	for a := range score {
		for b := range score {
			switch {
			case a == b:
			case m.Beats(a, b):
				score[a] += 2
			case !m.Beats(b, a):
				score[a]++
			}
		}
	}
	order := make([]int, m.N())
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return m.Names[a] < m.Names[b]
	})
	return order
}

// WritePairwise renders the pairwise table: JSON, CSV (one row per ordered
// pair: candidate, opponent, ballots for, against, and win/loss/tie), or a
// table / Markdown matrix with the Condorcet winner and loser, the Smith
// and Schwartz sets.
func WritePairwise(w io.Writer, x *Pairwise, format string) error {
	switch format {
	case JSON:
		return writeJSON(w, PairwiseToJSON(x))
	case CSV:
		return writePairwiseCSV(w, x.Matrix)
	case Table, Markdown:
		var b strings.Builder
		pairwiseText(&b, x, format)
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}

func writePairwiseCSV(w io.Writer, m *condorcet.Matrix) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"candidate", "opponent", "for", "against", "result"})
	for a := 0; a < m.N(); a++ {
		for b := 0; b < m.N(); b++ {
			if a == b {
				continue
			}
			res := "tie"
			if m.Beats(a, b) {
				res = "win"
			} else if m.Beats(b, a) {
				res = "loss"
			}
			cw.Write([]string{m.Names[a], m.Names[b], s64(m.Prefer(a, b)), s64(m.Prefer(b, a)), res})
		}
	}
	cw.Flush()
	return cw.Error()
}

func pairwiseHeader(b *strings.Builder, x *Pairwise, what, format string) {
	m := x.Matrix
	title := x.Election
	if title == "" {
		title = x.Source
	}
	fmt.Fprintf(b, "%s: %s (%s)\n", title, what, x.InputFormat)
	if m.EqualRanks {
		fmt.Fprintf(b, "Reading: unranked candidates %s; candidates at one rank are ranked equally (the format allows it).\n", unrankedText(m.Options.Unranked))
	} else {
		fmt.Fprintf(b, "Reading: unranked candidates %s; an overvote read as %s.\n", unrankedText(m.Options.Unranked), overvoteText(m.Options.Overvote))
	}
	fmt.Fprintf(b, "Ballots: %s; stating no preference %s; with an equal ranking %s; with an overvote exhausted or skipped %s.\n",
		num(m.Ballots), num(m.Empty), num(m.EqualRanking), num(m.Overvote))
	fmt.Fprintf(b, "Marks passed over: ballots with a mark naming no candidate %s; with a candidate marked again (counted at the first mark) %s; with a skipped rank %s.\n",
		num(m.Unknown), num(m.Duplicate), num(m.SkippedRank))
	for _, n := range x.Notes {
		fmt.Fprintf(b, "Note: %s\n", n)
	}
	if format == Markdown {
		b.WriteString("\n")
	}
}

func unrankedText(u condorcet.Unranked) string {
	if u == condorcet.UnrankedIgnored {
		return "compared with no one (ignored)"
	}
	return "below every ranked one"
}

func overvoteText(o condorcet.Overvote) string {
	switch o {
	case condorcet.OvervoteExhaust:
		return "the end of the ballot"
	case condorcet.OvervoteSkip:
		return "a blank rank"
	}
	return "an equal ranking"
}

func pairwiseText(b *strings.Builder, x *Pairwise, format string) {
	pairwiseHeader(b, x, "head-to-head (pairwise) comparison", format)
	pairwiseTable(b, x.Matrix, format)
}

// pairwiseTable writes the matrix (rows in order of pairwise wins, columns
// numbered like the rows) and the Condorcet summary.
func pairwiseTable(b *strings.Builder, m *condorcet.Matrix, format string) {
	order := pairwiseOrder(m)
	hdr := table.Row{"", "Candidate"}
	for i := range order {
		hdr = append(hdr, strconv.Itoa(i+1))
	}
	hdr = append(hdr, "Won", "Lost", "Tied")
	t := newTable(hdr)
	for i, a := range order {
		row := table.Row{strconv.Itoa(i + 1), m.Names[a]}
		won, lost, tied := 0, 0, 0
		for _, c := range order {
			switch {
			case c == a:
				row = append(row, "—")
				continue
			case m.Beats(a, c):
				won++
			case m.Beats(c, a):
				lost++
			default:
				tied++
			}
			row = append(row, num(m.Prefer(a, c)))
		}
		t.AppendRow(append(row, won, lost, tied))
	}
	cols := []int{}
	for i := range order {
		cols = append(cols, i+3)
	}
	rightAlign(t, append(cols, len(order)+3, len(order)+4, len(order)+5)...)
	b.WriteString(render(t, format) + "\n")
	if format == Markdown {
		b.WriteString("\n")
	}
	b.WriteString("Each cell: ballots preferring the row's candidate to the column's.\n")
	if w := m.CondorcetWinner(); w >= 0 {
		fmt.Fprintf(b, "Condorcet winner: %s (beats every other candidate head to head).\n", m.Names[w])
	} else if m.Cycle() {
		b.WriteString("Condorcet winner: none — candidates beat one another in a cycle (a beats b beats ... beats a).\n")
	} else {
		b.WriteString("Condorcet winner: none — pairwise ties leave no candidate beating every other.\n")
	}
	if l := m.CondorcetLoser(); l >= 0 {
		fmt.Fprintf(b, "Condorcet loser: %s (loses to every other candidate).\n", m.Names[l])
	} else {
		b.WriteString("Condorcet loser: none.\n")
	}
	fmt.Fprintf(b, "Smith set: %s.\nSchwartz set: %s.\n", strings.Join(cnames(m, m.Smith()), ", "), strings.Join(cnames(m, m.Schwartz()), ", "))
}

// CondorcetJSON is the JSON layout of one method's count (see README).
type CondorcetJSON struct {
	PairwiseJSON
	Method      string           `json:"method"`
	Variant     string           `json:"variant"`
	Description string           `json:"description"`
	Result      RankedMethodJSON `json:"result"`
}

// RankedMethodJSON is one method's outcome.
type RankedMethodJSON struct {
	Method  string         `json:"method"`
	Winners []string       `json:"winners"`
	Elected *string        `json:"elected"`
	Tie     *WinnerTieJSON `json:"tie"`
	Ranking [][]string     `json:"ranking"`
	Notes   []string       `json:"notes"`
	Detail  any            `json:"detail,omitempty"`
}

// WinnerTieJSON records a tie and how it was broken.
type WinnerTieJSON struct {
	Candidates []string `json:"candidates"`
	Method     string   `json:"method"`
	Seed       *string  `json:"seed,omitempty"`
	Stream     string   `json:"stream,omitempty"`
	Draw       *int     `json:"draw,omitempty"`
	Order      []string `json:"order,omitempty"`
	Elected    *string  `json:"elected"`
}

// StrengthJSON is a path strength: winning votes (for, against) or a
// margin.
type StrengthJSON struct {
	For     string `json:"for,omitempty"`
	Against string `json:"against,omitempty"`
	Margin  string `json:"margin,omitempty"`
}

// PairJSON is a majority.
type PairJSON struct {
	Winner    string `json:"winner"`
	Loser     string `json:"loser"`
	For       string `json:"for"`
	Against   string `json:"against"`
	Group     int    `json:"group,omitempty"`
	Locked    *bool  `json:"locked,omitempty"`
	Contested bool   `json:"contested,omitempty"`
	Depends   bool   `json:"depends_on_tie_break,omitempty"`
}

// ScoreJSON is a candidate's score under a scoring method; Score is a
// decimal ("15", "2.5").
type ScoreJSON struct {
	Candidate string `json:"candidate"`
	Score     string `json:"score"`
	Wins      *int   `json:"wins,omitempty"`
	Losses    *int   `json:"losses,omitempty"`
	Ties      *int   `json:"ties,omitempty"`
	Against   string `json:"against,omitempty"`
}

// halves writes a number of half points as a decimal.
func halves(h int64) string {
	s := strconv.FormatInt(h/2, 10)
	if h%2 != 0 {
		if h < 0 && h/2 == 0 {
			s = "-0"
		}
		s += ".5"
	}
	return s
}

// MethodToJSON builds the JSON of one result.
func MethodToJSON(m *condorcet.Matrix, r *condorcet.Result) RankedMethodJSON {
	name := func(k int) string { return m.Names[k] }
	out := RankedMethodJSON{Method: r.Spec.String(), Winners: cnames(m, r.Winners), Elected: optName(m, r.Winner), Notes: nonNil(r.Notes)}
	if r.Ranking != nil {
		out.Ranking = [][]string{}
		for _, tier := range r.Ranking {
			out.Ranking = append(out.Ranking, cnames(m, tier))
		}
	}
	if t := r.Tie; t != nil {
		tj := &WinnerTieJSON{Candidates: cnames(m, t.Candidates), Method: t.Method, Order: t.Order, Elected: optName(m, t.Winner)}
		if t.Method == "" {
			tj.Method = "none"
		}
		if t.Method == "lot" {
			seed, draw := strconv.FormatUint(t.Seed, 10), t.Draw
			tj.Seed, tj.Stream, tj.Draw = &seed, t.Stream, &draw
		}
		out.Tie = tj
	}
	switch {
	case r.Schulze != nil:
		paths := [][]*StrengthJSON{}
		for a, row := range r.Schulze.Paths {
			var pr []*StrengthJSON
			for b, s := range row {
				switch {
				case a == b || !s.Exists():
					pr = append(pr, nil)
				case r.Spec.Variant == "margins":
					pr = append(pr, &StrengthJSON{Margin: s64(s.For)})
				default:
					pr = append(pr, &StrengthJSON{For: s64(s.For), Against: s64(s.Against)})
				}
			}
			paths = append(paths, pr)
		}
		out.Detail = map[string]any{"strongest_paths": paths}
	case r.RankedPairs != nil:
		pairs := []PairJSON{}
		for _, p := range r.RankedPairs.Pairs {
			locked := p.Locked
			pairs = append(pairs, PairJSON{Winner: name(p.Winner), Loser: name(p.Loser), For: s64(p.For), Against: s64(p.Against), Group: p.Group, Locked: &locked, Contested: p.Contested, Depends: p.Depends})
		}
		out.Detail = map[string]any{"pairs": pairs}
	case r.Copeland != nil:
		var sc []ScoreJSON
		for k, s := range r.Copeland.Scores {
			w, l, t := s.Wins, s.Losses, s.Ties
			sc = append(sc, ScoreJSON{Candidate: name(k), Score: halves(s.Half), Wins: &w, Losses: &l, Ties: &t})
		}
		out.Detail = map[string]any{"scores": sc}
	case r.Minimax != nil:
		var sc []ScoreJSON
		for k, s := range r.Minimax.Scores {
			sj := ScoreJSON{Candidate: name(k), Score: s64(s)}
			if a := r.Minimax.Against[k]; a >= 0 {
				sj.Against = name(a)
			}
			sc = append(sc, sj)
		}
		out.Detail = map[string]any{"scores": sc}
	case r.Borda != nil:
		var sc []ScoreJSON
		for k, h := range r.Borda.Half {
			sc = append(sc, ScoreJSON{Candidate: name(k), Score: halves(h)})
		}
		out.Detail = map[string]any{"scores": sc}
	case r.Kemeny != nil:
		d := r.Kemeny
		var rks, lv [][]string
		for _, o := range d.Rankings {
			rks = append(rks, cnames(m, o))
		}
		for _, l := range d.Levels {
			lv = append(lv, cnames(m, l))
		}
		opt := strconv.FormatUint(d.Optimal, 10)
		if d.Saturated {
			opt = "more than " + opt
		}
		out.Detail = map[string]any{"score": s64(d.Score), "optimal_rankings": opt, "rankings_listed": rks, "smith_levels": lv}
	case r.Debian != nil:
		d := r.Debian
		drops := func(ds []condorcet.DebianDrop) []map[string]string {
			out := []map[string]string{}
			for _, x := range ds {
				out = append(out, map[string]string{"option": name(x.Option), "for": s64(x.For), "against": s64(x.Against)})
			}
			return out
		}
		var rounds []map[string]any
		for _, rd := range d.Rounds {
			dropped := []PairJSON{}
			for _, p := range rd.Dropped {
				dropped = append(dropped, PairJSON{Winner: name(p.Winner), Loser: name(p.Loser), For: s64(p.For), Against: s64(p.Against)})
			}
			rounds = append(rounds, map[string]any{"schwartz_set": cnames(m, rd.Schwartz), "dropped_defeats": dropped})
		}
		q := map[string]any{"applied": d.Quorum, "developers": d.Developers}
		if d.Quorum {
			q["value"] = d.QuorumText
		}
		out.Detail = map[string]any{"default_option": name(d.Default), "quorum": q, "majority": d.Majority,
			"dropped_quorum": drops(d.DroppedQuorum), "dropped_majority": drops(d.DroppedMajority), "rounds": rounds}
	}
	return out
}

// WriteCondorcet renders one method's count: JSON (the pairwise table and
// the result), CSV (one row per candidate: rank, score, elected), or a
// table / Markdown with the result, the method's working and, when asked,
// the pairwise table.
func WriteCondorcet(w io.Writer, x *CondorcetCount, format string) error {
	r, m := x.Result, x.Matrix
	switch format {
	case JSON:
		desc := ""
		for _, mi := range condorcet.Methods {
			if mi.Name == r.Spec.Method {
				desc = mi.Description
			}
		}
		return writeJSON(w, CondorcetJSON{PairwiseJSON: PairwiseToJSON(&x.Pairwise), Method: r.Spec.Method, Variant: r.Spec.Variant, Description: desc, Result: MethodToJSON(m, r)})
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"method", "rank", "candidate", "score", "winner", "elected"})
		rank := map[int]string{}
		for i, tier := range r.Ranking {
			for _, k := range tier {
				rank[k] = strconv.Itoa(i + 1)
			}
		}
		score := scores(r)
		for _, k := range displayOrder(m, r) {
			win := "false"
			for _, x := range r.Winners {
				if x == k {
					win = "true"
				}
			}
			cw.Write([]string{r.Spec.String(), rank[k], m.Names[k], score[k], win, strconv.FormatBool(r.Winner == k)})
		}
		cw.Flush()
		return cw.Error()
	case Table, Markdown:
		var b strings.Builder
		pairwiseHeader(&b, &x.Pairwise, methodTitle(r.Spec), format)
		resultText(&b, m, r, format)
		if x.WithPairwise {
			b.WriteString("\n")
			pairwiseTable(&b, m, format)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return CheckFormat(format)
}

func methodTitle(s condorcet.Spec) string {
	for _, mi := range condorcet.Methods {
		if mi.Name == s.Method {
			if len(mi.Variants) > 1 {
				return fmt.Sprintf("%s [%s]", mi.Description, s.Variant)
			}
			return mi.Description
		}
	}
	return s.String()
}

// displayOrder lists candidates by the method's ranking, then the rest by
// pairwise wins.
func displayOrder(m *condorcet.Matrix, r *condorcet.Result) []int {
	var out []int
	seen := make([]bool, m.N())
	for _, tier := range r.Ranking {
		for _, k := range tier {
			out = append(out, k)
			seen[k] = true
		}
	}
	for _, k := range pairwiseOrder(m) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// scores gives each candidate's score as text for the scoring methods.
func scores(r *condorcet.Result) map[int]string {
	out := map[int]string{}
	switch {
	case r.Copeland != nil:
		for k, s := range r.Copeland.Scores {
			out[k] = halves(s.Half)
		}
	case r.Minimax != nil:
		for k, s := range r.Minimax.Scores {
			out[k] = s64(s)
		}
	case r.Borda != nil:
		for k, h := range r.Borda.Half {
			out[k] = halves(h)
		}
	}
	return out
}

// outcomeLine says who is elected, or that a tie stands and how to break it.
func outcomeLine(m *condorcet.Matrix, r *condorcet.Result) string {
	t := r.Tie
	switch {
	case len(r.Winners) == 0:
		return "Elected: nobody."
	case len(r.Winners) == 1 && t == nil:
		return "Elected: " + m.Names[r.Winner] + "."
	case len(r.Winners) == 1:
		return fmt.Sprintf("Elected: %s (majorities of equal strength were ordered by the tie-breaking ranking %s, by %s).", m.Names[r.Winner], strings.Join(t.Order, " > "), t.Method)
	}
	tied := strings.Join(cnames(m, r.Winners), ", ")
	switch t.Method {
	case "lot":
		return fmt.Sprintf("Tie between %s, broken by psephos's seeded lot (seed %d, stream %s, draw %d): elected %s. A lot is not an official result.", tied, t.Seed, t.Stream, t.Draw, m.Names[r.Winner])
	case "order":
		return fmt.Sprintf("Tie between %s, broken by the given order %s: elected %s.", tied, strings.Join(t.Order, " > "), m.Names[r.Winner])
	}
	return fmt.Sprintf("Tie between %s: nobody is elected (give --tie-break lot or --tie-order to break it).", tied)
}

func resultText(b *strings.Builder, m *condorcet.Matrix, r *condorcet.Result, format string) {
	item := ""
	if format == Markdown {
		item = "- "
	}
	b.WriteString(outcomeLine(m, r) + "\n")
	if r.Ranking != nil {
		var tiers []string
		for _, tier := range r.Ranking {
			tiers = append(tiers, strings.Join(cnames(m, tier), " = "))
		}
		fmt.Fprintf(b, "Ranking: %s\n", strings.Join(tiers, " > "))
	} else {
		b.WriteString("Ranking: none defined by this method here.\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(b, "Note: %s\n", n)
	}
	b.WriteString("\n")
	switch {
	case r.Schulze != nil:
		order := displayOrder(m, r)
		hdr := table.Row{"Strongest path from \\ to"}
		for _, k := range order {
			hdr = append(hdr, m.Names[k])
		}
		t := newTable(hdr)
		for _, a := range order {
			row := table.Row{m.Names[a]}
			for _, c := range order {
				s := r.Schulze.Paths[a][c]
				switch {
				case a == c || !s.Exists():
					row = append(row, "—")
				case r.Spec.Variant == "margins":
					row = append(row, num(s.For))
				default:
					row = append(row, num(s.For)+":"+num(s.Against))
				}
			}
			t.AppendRow(row)
		}
		b.WriteString(render(t, format) + "\n")
		if r.Spec.Variant != "margins" {
			b.WriteString("Strength of a path: its weakest link, as ballots for:against (more for, then fewer against, is stronger).\n")
		}
	case r.RankedPairs != nil:
		t := newTable(table.Row{"Group", "Majority", "For", "Against", "Margin", "Locked"})
		for _, p := range r.RankedPairs.Pairs {
			lk := "locked"
			switch {
			case p.Depends:
				lk = "depends on the tie-break"
			case !p.Locked:
				lk = "skipped (cycle)"
			}
			if p.Contested {
				lk += ", contested"
			}
			t.AppendRow(table.Row{p.Group, m.Names[p.Winner] + " over " + m.Names[p.Loser], num(p.For), num(p.Against), num(p.For - p.Against), lk})
		}
		rightAlign(t, 1, 3, 4, 5)
		b.WriteString(render(t, format) + "\n")
	case r.Copeland != nil:
		t := newTable(table.Row{"Candidate", "Wins", "Losses", "Ties", "Score"})
		for _, k := range displayOrder(m, r) {
			s := r.Copeland.Scores[k]
			t.AppendRow(table.Row{m.Names[k], s.Wins, s.Losses, s.Ties, halves(s.Half)})
		}
		rightAlign(t, 2, 3, 4, 5)
		b.WriteString(render(t, format) + "\n")
		tie := map[string]string{"half": "1/2", "zero": "0", "one": "1"}[r.Spec.Variant]
		fmt.Fprintf(b, "Score: a pairwise win counts 1, a pairwise tie %s.\n", tie)
	case r.Minimax != nil:
		t := newTable(table.Row{"Candidate", "Worst result (ballots)", "Against"})
		for _, k := range displayOrder(m, r) {
			against := ""
			if a := r.Minimax.Against[k]; a >= 0 {
				against = m.Names[a]
			}
			t.AppendRow(table.Row{m.Names[k], num(r.Minimax.Scores[k]), against})
		}
		rightAlign(t, 2)
		b.WriteString(render(t, format) + "\n")
	case r.Borda != nil:
		t := newTable(table.Row{"Candidate", "Points"})
		for _, k := range displayOrder(m, r) {
			t.AppendRow(table.Row{m.Names[k], halvesNum(r.Borda.Half[k])})
		}
		rightAlign(t, 2)
		b.WriteString(render(t, format) + "\n")
	case r.Kemeny != nil:
		d := r.Kemeny
		fmt.Fprintf(b, "Best Kemeny score: %s agreements (ballot-pairs); rankings reaching it: %s.\n", num(d.Score), countStr(d))
		for i, o := range d.Rankings {
			fmt.Fprintf(b, "%s%d. %s\n", item, i+1, strings.Join(cnames(m, o), " > "))
		}
	case r.Debian != nil:
		d := r.Debian
		if d.Quorum {
			fmt.Fprintf(b, "Quorum: 3·√%d/2 = %s votes ranking an option above %s (Constitution §4.2, A.6(2)).\n", d.Developers, d.QuorumText, m.Names[d.Default])
		}
		for _, x := range d.DroppedQuorum {
			fmt.Fprintf(b, "%sDropped for want of quorum: %s (%s voters rank it above the default option).\n", item, m.Names[x.Option], num(x.For))
		}
		for _, x := range d.DroppedMajority {
			fmt.Fprintf(b, "%sDropped for want of a %s majority over %s: %s (%s to %s).\n", item, d.Majority, m.Names[d.Default], m.Names[x.Option], num(x.For), num(x.Against))
		}
		for i, rd := range d.Rounds {
			fmt.Fprintf(b, "%sSchwartz set %d: %s", item, i+1, strings.Join(cnames(m, rd.Schwartz), ", "))
			var dr []string
			for _, p := range rd.Dropped {
				dr = append(dr, fmt.Sprintf("%s over %s (%s to %s)", m.Names[p.Winner], m.Names[p.Loser], num(p.For), num(p.Against)))
			}
			if len(dr) > 0 {
				fmt.Fprintf(b, "; weakest defeats dropped: %s", strings.Join(dr, "; "))
			}
			b.WriteString(".\n")
		}
	}
}

func halvesNum(h int64) string {
	s := num(h / 2)
	if h%2 != 0 {
		s += ".5"
	}
	return s
}

func countStr(d *condorcet.KemenyDetail) string {
	if d.Saturated {
		return "more than " + group(strconv.FormatUint(d.Optimal, 10))
	}
	return group(strconv.FormatUint(d.Optimal, 10))
}
