package condorcet

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/enum"
	"github.com/psephos/psephos/internal/lot"
)

// Method names.
const (
	Schulze     = "schulze"
	RankedPairs = "ranked-pairs"
	Copeland    = "copeland"
	Minimax     = "minimax"
	Borda       = "borda"
	Kemeny      = "kemeny"
	Debian      = "debian"
)

// A MethodInfo describes a method and its variants, the first being the
// default.
type MethodInfo struct {
	Name        string
	Variants    []string
	Description string
}

// Methods lists the methods in the order the command line shows them.
var Methods = []MethodInfo{
	{Schulze, []string{"winning-votes", "margins"}, "Schulze (beatpath): strongest paths between candidates"},
	{RankedPairs, []string{"winning-votes", "margins"}, "Ranked Pairs (Tideman): lock majorities, strongest first, skipping any that would make a cycle"},
	{Copeland, []string{"half", "zero", "one"}, "Copeland: pairwise wins, a pairwise tie counting 1/2 (half), 0 (zero) or 1 (one)"},
	{Minimax, []string{"winning-votes", "margins", "opposition"}, "Minimax (Simpson–Kramer): the smallest worst defeat"},
	{Borda, []string{"averaged", "truncated", "modified"}, "Borda count: n−1 points for a first preference down to 0; truncated ballots by the variant"},
	{Kemeny, []string{"kemeny"}, "Kemeny–Young: the ranking agreeing with the most pairwise preferences"},
	{Debian, []string{"debian"}, "Debian Constitution A.6: quorum, majority over the default option, Schwartz sequential dropping"},
}

// A Spec is a method and its variant, written METHOD[:VARIANT].
type Spec struct {
	Method, Variant string
}

// String writes METHOD:VARIANT, or METHOD alone for a method with one
// variant.
func (s Spec) String() string {
	for _, m := range Methods {
		if m.Name == s.Method && len(m.Variants) == 1 {
			return s.Method
		}
	}
	return s.Method + ":" + s.Variant
}

// ParseSpec reads METHOD[:VARIANT]; the variant defaults to the method's
// first.
func ParseSpec(s string) (Spec, error) {
	name, variant, _ := strings.Cut(strings.TrimSpace(s), ":")
	for _, m := range Methods {
		if m.Name != name {
			continue
		}
		if variant == "" {
			return Spec{name, m.Variants[0]}, nil
		}
		if slices.Contains(m.Variants, variant) {
			return Spec{name, variant}, nil
		}
		return Spec{}, fmt.Errorf("method %s: unknown variant %q; expected one of: %s", name, variant, strings.Join(m.Variants, ", "))
	}
	return Spec{}, fmt.Errorf("unknown method %q; expected one of: %s", name, strings.Join(MethodNames(), ", "))
}

// MethodNames lists the methods' names.
func MethodNames() []string {
	out := make([]string, len(Methods))
	for i, m := range Methods {
		out[i] = m.Name
	}
	return out
}

// Fallback is how a tie for first place is broken.
type Fallback uint8

const (
	// FallbackNone reports the tie and elects nobody.
	FallbackNone Fallback = iota
	// FallbackLot draws one of the tied candidates by psephos's seeded lot
	// (internal/lot): the tied candidates sorted by name, then a permutation
	// drawn from the seed and the stream WinnerStream; the first wins. Every
	// method draws a tie for first place the same way, so one seed picks the
	// same candidate from the same tied set whatever the method. Ranked
	// Pairs' majorities of equal strength are another lot (a ranking of all
	// the candidates, stream "ranked-pairs:pairs"), whose winner may differ.
	FallbackLot
	// FallbackOrder elects the tied candidate listed first in Order.
	FallbackOrder
)

var fallbackNames = []string{"none", "lot", "order"}

func (f Fallback) String() string { return enum.Name(fallbackNames, f, "Fallback") }

// ParseFallback reads a Fallback by its String name.
func ParseFallback(s string) (Fallback, error) {
	return enum.Parse[Fallback](fallbackNames, s, "tie fallback")
}

// WinnerStream is the lot stream for ties for first place.
const WinnerStream = "condorcet:winner"

// A TieBreak is the explicit policy for ties. It also orders Ranked Pairs'
// majorities of equal strength when their order matters (a tie-breaking
// ranking of the candidates, Zavist and Tideman 1989): Order itself, or for
// a lot a permutation of all the candidates drawn as above.
type TieBreak struct {
	Fallback Fallback
	// Order: candidates by name, earlier listed first (FallbackOrder).
	Order []string
	Seed  uint64
}

// A Tie records a tie for first place and how it was broken, so the count
// can be replayed.
type Tie struct {
	// Candidates tied (the method's winners), ascending index.
	Candidates []int
	// Method: "lot", "order", or "" when the tie stands (no policy).
	Method string
	// For a lot: the seed, the stream, and Draw, the index in the tied
	// candidates sorted by name of the one drawn.
	Seed   uint64
	Stream string
	Draw   int
	// Order is the tie-breaking ranking used (names), for "order", and for
	// Ranked Pairs' majorities of equal strength.
	Order []string
	// Winner is the candidate elected, or -1 when the tie stands.
	Winner int
}

// A Result is the outcome of one method on one pairwise matrix (and, for
// Borda, the ballots).
type Result struct {
	Spec Spec
	// Names of the candidates (the matrix's).
	Names []string
	// Winners are the candidates the method elects before any tie-break
	// (several when it ends in a tie), ascending index.
	Winners []int
	// Winner is the candidate elected: the only winner, or the one the tie
	// policy chose; -1 when a tie stands.
	Winner int
	// Tie is set when Winners holds several candidates, or when Ranked
	// Pairs needed its tie-breaking ranking.
	Tie *Tie
	// Ranking is the method's ranking of all the candidates, best first;
	// candidates sharing a rank are tied (or not ordered by the method). Nil
	// where the method defines no ranking (Debian: only a winner; Kemeny
	// with several optimal rankings).
	Ranking [][]int
	// Notes explain conventions and anything unusual.
	Notes []string

	Schulze     *SchulzeDetail
	RankedPairs *RankedPairsDetail
	Copeland    *CopelandDetail
	Minimax     *MinimaxDetail
	Borda       *BordaDetail
	Kemeny      *KemenyDetail
	Debian      *DebianDetail
}

// Count runs one method. p is needed for Borda (points come from the
// ballots, read with m.Options) and may be nil for the others. deb is used
// by the Debian method only.
func Count(p *ballot.Profile, m *Matrix, s Spec, tb TieBreak, deb DebianRule) (*Result, error) {
	if s.Variant == "" {
		var err error
		if s, err = ParseSpec(s.Method); err != nil {
			return nil, err
		}
	}
	if m.n == 0 {
		return nil, errors.New("no candidates to count")
	}
	var r *Result
	var err error
	switch s.Method {
	case Schulze:
		r = schulze(m, s.Variant == "margins")
	case RankedPairs:
		r, err = rankedPairs(m, s.Variant == "margins", tb)
	case Copeland:
		r = copeland(m, s.Variant)
	case Minimax:
		r = minimax(m, s.Variant)
	case Borda:
		if p == nil {
			return nil, errors.New("borda: the count needs the ballots, not only the pairwise matrix")
		}
		r = borda(p, m, s.Variant)
	case Kemeny:
		r, err = kemeny(m)
	case Debian:
		r, err = debian(m, deb)
	default:
		_, err = ParseSpec(s.Method)
	}
	if err != nil {
		return nil, err
	}
	r.Spec, r.Names = s, m.Names
	if err := r.settle(tb); err != nil {
		return nil, err
	}
	return r, nil
}

// settle elects the only winner, or breaks a tie by the policy.
func (r *Result) settle(tb TieBreak) error {
	switch {
	case len(r.Winners) == 1:
		r.Winner = r.Winners[0]
		if r.Tie != nil { // Ranked Pairs' majorities of equal strength
			r.Tie.Winner = r.Winner
		}
		return nil
	case len(r.Winners) == 0:
		r.Winner = -1
		return nil
	}
	t := r.Tie
	if t == nil {
		t = &Tie{}
		r.Tie = t
	}
	t.Candidates, t.Winner, r.Winner = r.Winners, -1, -1
	switch tb.Fallback {
	case FallbackLot:
		tied := byName(r.Names, r.Winners)
		t.Method, t.Seed, t.Stream = "lot", tb.Seed, WinnerStream
		t.Draw = lot.Permutation(tb.Seed, t.Stream, len(tied))[0]
		t.Winner = tied[t.Draw]
	case FallbackOrder:
		for _, name := range tb.Order {
			for _, k := range r.Winners {
				if r.Names[k] == name && t.Winner < 0 {
					t.Winner = k
				}
			}
		}
		if t.Winner < 0 {
			return fmt.Errorf("%s: tie between %s, and the tie order names none of them", r.Spec, strings.Join(names(r.Names, r.Winners), ", "))
		}
		t.Method, t.Order = "order", tb.Order
	}
	r.Winner = t.Winner
	return nil
}

// byName returns ks sorted by name, then index (the canonical order a lot
// permutes).
func byName(names []string, ks []int) []int {
	out := slices.Clone(ks)
	sort.SliceStable(out, func(i, j int) bool {
		if names[out[i]] != names[out[j]] {
			return names[out[i]] < names[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func names(all []string, ks []int) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = all[k]
	}
	return out
}

// tiers ranks candidates 0..n-1 by a strict order better: the first rank
// is every candidate no other betters, the next those no remaining
// candidate betters, and so on. Indices ascending within a rank.
func tiers(n int, better func(a, b int) bool) [][]int {
	left := all(n)
	var out [][]int
	for len(left) > 0 {
		var top, rest []int
		for _, a := range left {
			beaten := false
			for _, b := range left {
				if b != a && better(b, a) {
					beaten = true
					break
				}
			}
			if beaten {
				rest = append(rest, a)
			} else {
				top = append(top, a)
			}
		}
		if len(top) == 0 { // not a strict order: keep the rest together
			top, rest = rest, nil
		}
		out = append(out, top)
		left = rest
	}
	return out
}

// byScore ranks candidates by score, higher first when high is true; equal
// scores share a rank.
func byScore(score []int64, high bool) [][]int {
	return tiers(len(score), func(a, b int) bool {
		if high {
			return score[a] > score[b]
		}
		return score[a] < score[b]
	})
}
