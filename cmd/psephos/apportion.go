package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/bundestag"
	"github.com/psephos/psephos/mixed"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
)

// ruleFlags are the flags that make an apportionment rule.
type ruleFlags struct {
	method        string
	firstDivisor  string
	quotaRounding string
	threshold     string
	coalition     string
	thresholdBy   string
	wins          int
	exempt        []string
	ties          []string
	tieOrder      []string
	seed          uint64
}

func (r *ruleFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&r.method, "method", "m", "", "the method: "+strings.Join(apportion.Methods, ", "))
	fl.StringVar(&r.firstDivisor, "first-divisor", "", "modified Sainte-Laguë: the first divisor (e.g. 1.4; the others are 3, 5, 7, ...)")
	fl.StringVar(&r.quotaRounding, "quota-rounding", "exact", "largest remainder: round the quota to whole votes: exact, down, up or nearest")
	fl.StringVar(&r.threshold, "threshold", "", "legal threshold: a percent of the votes (5, 5% or 0.5), a fraction of the votes (1/150), or \"quota\" for one full quota (1/seats of the votes, as in the Netherlands)")
	fl.StringVar(&r.coalition, "coalition-threshold", "", "threshold for coalition lists: a percent (7) or a fraction (7/100) of the votes")
	fl.StringVar(&r.thresholdBy, "threshold-scope", "national", "apply the threshold to national votes or to each district's (national|district)")
	fl.IntVar(&r.wins, "wins", 0, "alternatively qualify a party that won at least this many constituency seats (needs constituency seats in the input)")
	fl.StringSliceVar(&r.exempt, "exempt", nil, "parties exempt from the threshold (national minorities), comma-separated")
	fl.StringSliceVar(&r.ties, "tie", nil, "how ties for seats are broken, steps in order: most-votes, add-one-vote, order, lot (default: reported, not broken)")
	fl.StringSliceVar(&r.tieOrder, "tie-order", nil, "for --tie order: parties in order of priority (e.g. a lot drawn by the returning officer)")
	fl.Uint64Var(&r.seed, "seed", 1, "seed of psephos's lot for --tie lot")
}

// rule builds the rule; errors are usage errors.
func (r *ruleFlags) rule(seats int) (apportion.Rule, error) {
	var rule apportion.Rule
	if r.method == "" {
		return rule, usageError{fmt.Errorf("--method is required: one of %s", strings.Join(apportion.Methods, ", "))}
	}
	name := r.method
	if r.firstDivisor != "" {
		if !strings.EqualFold(name, "modified-sainte-lague") {
			return rule, usageError{fmt.Errorf("--first-divisor applies to --method modified-sainte-lague, not %s", name)}
		}
		name += ":" + r.firstDivisor
	}
	m, err := apportion.ParseMethod(name)
	if err != nil {
		return rule, usageError{fmt.Errorf("--method: %v", err)}
	}
	if lr, ok := m.(apportion.LargestRemainder); ok {
		rd, ok := map[string]apportion.Rounding{"exact": apportion.Exact, "down": apportion.Down, "up": apportion.Up, "nearest": apportion.Nearest}[r.quotaRounding]
		if !ok {
			return rule, usageError{fmt.Errorf("--quota-rounding %q: expected exact, down, up or nearest", r.quotaRounding)}
		}
		m = lr.WithRounding(rd)
	} else if r.quotaRounding != "exact" {
		return rule, usageError{fmt.Errorf("--quota-rounding applies to largest-remainder methods, not %s", m.Name())}
	}
	rule.Method = m
	switch t := strings.TrimSpace(r.threshold); {
	case t == "":
	case strings.EqualFold(t, "quota"):
		if seats < 1 {
			return rule, usageError{fmt.Errorf("--threshold quota needs --seats")}
		}
		rule.Threshold.Share = apportion.Ratio{Num: 1, Den: int64(seats)}
	default:
		p, err := apportion.ParseShare(t)
		if err != nil {
			return rule, usageError{fmt.Errorf("--threshold: %v", err)}
		}
		rule.Threshold.Share = p
	}
	if r.coalition != "" {
		p, err := apportion.ParseShare(r.coalition)
		if err != nil {
			return rule, usageError{fmt.Errorf("--coalition-threshold: %v", err)}
		}
		rule.Threshold.CoalitionShare = p
	}
	switch r.thresholdBy {
	case "national":
	case "district":
		rule.Threshold.District = true
	default:
		return rule, usageError{fmt.Errorf("--threshold-scope %q: expected national or district", r.thresholdBy)}
	}
	rule.Threshold.Wins = r.wins
	rule.Threshold.Exempt = r.exempt
	for _, s := range r.ties {
		step, err := apportion.ParseTieStep(s)
		if err != nil {
			return rule, usageError{fmt.Errorf("--tie: %v", err)}
		}
		rule.Ties.Steps = append(rule.Ties.Steps, step)
	}
	rule.Ties.Order, rule.Ties.Seed = r.tieOrder, r.seed
	if len(r.tieOrder) > 0 && !slices.Contains(rule.Ties.Steps, apportion.ByOrder) {
		return rule, usageError{fmt.Errorf("--tie-order applies to --tie order, which --tie does not name")}
	}
	if err := rule.Validate(); err != nil {
		return rule, usageError{err}
	}
	return rule, nil
}

func newApportion() *cobra.Command {
	var rf ruleFlags
	var seats, awards int
	var by, inputFormat, delimiter, output string
	var bundestag2023 bool
	cmd := &cobra.Command{
		Use:   "apportion FILE --method M [--seats N]",
		Short: "Apportion seats among party lists: divisor and largest-remainder methods, thresholds, ties, the order of award",
		Long: `Apportion seats among party lists by a divisor (highest averages) or largest
remainder method, with a legal threshold, nationwide or district by district.

FILE is party votes: the generic party-votes CSV (party,votes[,district,...];
see the README), the Kiesraad result CSV, the Slovak National Council file, or
the Bundestag result XML (second votes by Land). Ties are reported and left
pending unless --tie names how the law breaks them.`,
		Example: `  psephos apportion uitslag_TK20231122_Nederland.csv --method dhondt --seats 150 --threshold quota
  psephos apportion 2025-02_gesamtergebnis.xml --method sainte-lague --seats 630 --threshold 5 --wins 3 --exempt SSW
  psephos apportion 2025-02_gesamtergebnis.xml --bundestag-2023
  psephos apportion sk_nr_2020.csv --method hagenbach-bischoff --quota-rounding up --threshold 5 --coalition-threshold 7 --tie most-votes
  psephos apportion regions.csv --method dhondt --by district --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := report.CheckFormat(output); err != nil {
				return usageError{err}
			}
			fl := cmd.Flags()
			law := mixed.Bundestag2023()
			if bundestag2023 {
				if by != "" {
					return usageError{fmt.Errorf("--bundestag-2023 apportions nationwide; leave out --by")}
				}
				if !fl.Changed("method") {
					rf.method = law.Method.Name()
				}
				if !fl.Changed("seats") {
					seats = law.Seats
				}
			}
			if cmd.Flags().Changed("seats") && (seats < 1 || seats > apportion.MaxSeats) {
				return usageError{fmt.Errorf("--seats %d: expected from 1 to %s seats", seats, election.Thousands(apportion.MaxSeats))}
			}
			if by != "" && by != "district" {
				return usageError{fmt.Errorf("--by %q: expected district", by)}
			}
			rule, err := rf.rule(seats)
			if err != nil {
				return err
			}
			if bundestag2023 {
				if !fl.Changed("threshold") {
					rule.Threshold.Share = law.Threshold.Share
				}
				if !fl.Changed("wins") {
					rule.Threshold.Wins = law.Threshold.Wins
				}
				if !fl.Changed("exempt") {
					rule.Threshold.Exempt = law.Threshold.Exempt
				}
			}
			comma := []rune(delimiter)
			if len(comma) != 1 {
				return usageError{fmt.Errorf("--delimiter %q: expected one character", delimiter)}
			}
			opt := format.Options{Format: inputFormat, Comma: comma[0]}
			var tab *election.PartyVotes
			var used string
			var cov *mixed.MMPResult
			house := seats
			switch {
			case bundestag2023:
				law.Method, law.Seats, law.Threshold, law.Ties = rule.Method, seats, rule.Threshold, rule.Ties
				if tab, cov, err = coverage(args[0], law); err != nil {
					return err
				}
				used = bundestag.Format
				house = seats - cov.Independents
			case args[0] == "-":
				tab, used, err = format.ReadPartyVotes(os.Stdin, "stdin", opt)
			default:
				tab, used, err = format.ReadPartyVotesFile(args[0], opt)
			}
			if err != nil {
				return err
			}
			a, err := rule.ApportionTable(tab, house, by == "district")
			if errors.Is(err, apportion.ErrNoSeats) {
				return usageError{fmt.Errorf("--seats is required: %s gives no number of seats", args[0])}
			}
			if err != nil {
				return err
			}
			name := tab.Name
			if name == "" || name == args[0] {
				name = filepath.Base(args[0])
			}
			r := &report.Apportionment{Election: name, Source: args[0], InputFormat: used, Notes: tab.Notes, Result: a, AwardLimit: awards, Coverage: cov}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteApportionment(w, r, output) })
		},
	}
	rf.register(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&bundestag2023, "bundestag-2023", false, "Bundestag result XML: the 2023 law (Sainte-Laguë over 630, 5% or 3 constituencies, SSW exempt, unless those flags are given) with each party's seats distributed among its Land lists and its constituency winners seated only where its second-vote seats cover them; lists the winners not seated")
	fl.IntVarP(&seats, "seats", "n", 0, "seats to apportion (default: the seats the input gives)")
	fl.StringVar(&by, "by", "", "apportion each district separately with its own seats (district)")
	fl.IntVar(&awards, "awards", 30, "table and Markdown: seats of the order of award to show per district (0: all); JSON lists all")
	fl.StringVar(&inputFormat, "input-format", "", "force the reader: "+strings.Join(format.PartyVotesFormatNames(), ", ")+" (default: detected)")
	fl.StringVar(&delimiter, "delimiter", ",", "generic party-votes CSV: the field delimiter")
	fl.StringVarP(&output, "format", "f", report.Table, "output: "+strings.Join(report.Formats, ", "))
	return cmd
}

// coverage reads the Bundestag result XML at path (or standard input for
// "-"), counts its constituencies' first votes and allocates its seats
// under law (mixed.Bundestag2023 with the rule's options): the second votes
// by Land and the allocation with every winner's coverage.
func coverage(path string, law mixed.MMP) (*election.PartyVotes, *mixed.MMPResult, error) {
	var r io.Reader = os.Stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		r, name = f, path
	}
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if !bundestag.Is(head) {
		return nil, nil, usageError{fmt.Errorf("--bundestag-2023 needs the Bundestag result XML (Gesamtergebnis); %s is not one", name)}
	}
	de, err := bundestag.Read(br, name)
	if err != nil {
		return nil, nil, err
	}
	results, err := plurality.CountElection(de.Constituencies, plurality.TieBreak{})
	if err != nil {
		return nil, nil, err
	}
	winners, err := mixed.Winners(results, election.Region)
	if err != nil {
		return nil, nil, err
	}
	res, err := law.Allocate(de.SecondVotes, winners)
	if err != nil {
		return nil, nil, err
	}
	return de.SecondVotes, res, nil
}
