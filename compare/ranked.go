package compare

import (
	"errors"
	"fmt"
	"strings"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/stv"
)

// IRV names instant-runoff among the ranked methods.
const IRV = "irv"

// RankedOptions configure Ranked.
type RankedOptions struct {
	// Pairwise says how ballots become pairwise preferences.
	Pairwise condorcet.Options
	// TieBreak is the policy for ties for first place in the pairwise
	// methods.
	TieBreak condorcet.TieBreak
	// IRV is the instant-runoff rule (one seat).
	IRV stv.Rules
	// Debian holds the Debian rule's options.
	Debian condorcet.DebianRule
}

// A RankedOutcome is one method's result on the ballots.
type RankedOutcome struct {
	// Method as written: "irv", or a condorcet Spec ("schulze:margins").
	Method string
	// Winners are the method's winners before any tie-break (matrix
	// indices); Elected the candidate elected, -1 when a tie stands.
	Winners []int
	Elected int
	// Ranking as the method defines it (nil where it defines none; nil for
	// instant-runoff, which defines only a winner).
	Ranking [][]int
	// Notes on the outcome (a tie, a rule).
	Notes []string
	// ByLot: the outcome depends on a tie decided by lot: an
	// instant-runoff tie broken by the rule's lot, a tie for first place
	// drawn by the pairwise methods' lot, or Ranked Pairs' majorities of
	// equal strength ordered by a drawn ranking (see Notes). Such an outcome
	// is the lot's, not the method's.
	ByLot bool
	// NotComputed: the method gave no result (a size limit; see Notes).
	NotComputed bool
	// The full results: Condorcet for the pairwise methods, Runoff for
	// instant-runoff (candidate indices there are the profile's).
	Condorcet *condorcet.Result
	Runoff    *stv.Result
}

// A RankedComparison is one ranked-ballot election under several methods.
type RankedComparison struct {
	Matrix *condorcet.Matrix
	// CondorcetWinner (matrix index) or -1; Smith set.
	CondorcetWinner int
	Smith           []int
	Outcomes        []RankedOutcome
}

// ParseRankedMethods checks a list of method names: "irv" or a condorcet
// METHOD[:VARIANT], each at most once ("schulze" and
// "schulze:winning-votes" are the same method).
func ParseRankedMethods(methods []string) error {
	if len(methods) == 0 {
		return errors.New("expected at least one method")
	}
	seen := map[string]string{}
	for _, s := range methods {
		name := strings.TrimSpace(s)
		if name != IRV {
			spec, err := condorcet.ParseSpec(s)
			if err != nil {
				return fmt.Errorf("%v (or %s)", err, IRV)
			}
			name = spec.String()
		}
		if first, ok := seen[name]; ok {
			if first == strings.TrimSpace(s) {
				return fmt.Errorf("%s is given twice", first)
			}
			return fmt.Errorf("%s and %s are the same method (%s)", first, strings.TrimSpace(s), name)
		}
		seen[name] = strings.TrimSpace(s)
	}
	return nil
}

// Ranked counts the ballots by each method. A tie that stands is part of
// the outcome, not an error; instant-runoff stopping at a tie its rule
// cannot break is reported the same way, and so are Kemeny–Young past the
// size it computes exactly and Ranked Pairs without a tie-break policy
// past the candidates whose tie-breaking rankings it tries
// (condorcet.MaxRankedPairsTieCandidates): a note, the other methods still
// counted.
func Ranked(p *ballot.Profile, methods []string, opt RankedOptions) (*RankedComparison, error) {
	if err := ParseRankedMethods(methods); err != nil {
		return nil, err
	}
	m := condorcet.Tally(p, opt.Pairwise)
	if m.N() == 0 {
		return nil, errors.New("no candidates to count")
	}
	c := &RankedComparison{Matrix: m, CondorcetWinner: m.CondorcetWinner(), Smith: m.Smith()}
	toMatrix := make([]int, len(p.Candidates))
	for i := range toMatrix {
		toMatrix[i] = -1
	}
	for k, src := range m.Source {
		toMatrix[src] = k
	}
	for _, name := range methods {
		name = strings.TrimSpace(name)
		if name == IRV {
			o := RankedOutcome{Method: IRV, Elected: -1}
			rl := opt.IRV
			rl.Seats, rl.Filling = 1, stv.SingleSeat
			res, err := stv.Count(p, rl)
			var tie *stv.TieError
			switch {
			case errors.As(err, &tie):
				o.Notes = append(o.Notes, "instant-runoff stopped at a tie its rule does not break: "+tie.Error())
			case err != nil:
				return nil, fmt.Errorf("irv: %w", err)
			default:
				o.Runoff = res
				o.Elected = toMatrix[res.Elected[0]]
				o.Winners = []int{o.Elected}
				o.Notes = append(o.Notes, "rule "+rl.Name)
				for _, rd := range res.Seats[0].Rounds {
					t := rd.Tie
					if t == nil {
						continue
					}
					var tied []string
					for _, k := range t.Candidates {
						tied = append(tied, res.Candidates[k])
					}
					how := t.Method
					if t.Method == "lot" {
						how = fmt.Sprintf("psephos's seeded lot (seed %d, draw %d)", t.Seed, t.Draw)
						o.ByLot = true
					}
					o.Notes = append(o.Notes, fmt.Sprintf("round %d: tie for %s between %s, decided by %s", rd.Number, t.For, strings.Join(tied, ", "), how))
				}
			}
			c.Outcomes = append(c.Outcomes, o)
			continue
		}
		s, _ := condorcet.ParseSpec(name)
		r, err := condorcet.Count(p, m, s, opt.TieBreak, opt.Debian)
		var kemeny *condorcet.KemenyLimitError
		var pairs *condorcet.RankedPairsLimitError
		if errors.As(err, &kemeny) || errors.As(err, &pairs) {
			c.Outcomes = append(c.Outcomes, RankedOutcome{Method: s.String(), Elected: -1, NotComputed: true, Notes: []string{"not computed: " + err.Error()}})
			continue
		}
		if err != nil {
			return nil, err
		}
		c.Outcomes = append(c.Outcomes, RankedOutcome{Method: s.String(), Winners: r.Winners, Elected: r.Winner, Ranking: r.Ranking, Notes: r.Notes,
			ByLot: r.Tie != nil && r.Tie.Method == condorcet.FallbackLot.String(), Condorcet: r})
	}
	return c, nil
}
