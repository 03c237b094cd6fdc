package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/format/debian"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/stv"
)

// condorcetFlags are the flags of the pairwise (Condorcet) methods.
type condorcetFlags struct {
	method        string
	pairwise      bool
	unranked      string
	overvote      string
	developers    int
	defaultOption string
}

// register adds the flags; withMethod adds --method and --pairwise (count).
func (c *condorcetFlags) register(cmd *cobra.Command, withMethod bool) {
	fl := cmd.Flags()
	if withMethod {
		var specs []string
		for _, m := range condorcet.Methods {
			specs = append(specs, m.Name+"["+strings.Join(m.Variants, "|")+"]")
		}
		fl.StringVar(&c.method, "method", "", "ranked ballots: count by a pairwise method, METHOD[:VARIANT]: "+strings.Join(specs, ", ")+" (first variant the default)")
		fl.BoolVar(&c.pairwise, "pairwise", false, "ranked ballots: show the head-to-head table (alone, or with --method)")
	}
	fl.StringVar(&c.unranked, "unranked", "below", "pairwise methods: an unranked candidate is below every ranked one (below) or compared with no one (ignored)")
	fl.StringVar(&c.overvote, "pairwise-overvote", "equal", "pairwise methods: several candidates at one rank, where the format does not allow equal rankings: equal (ranked equally), exhaust (the ballot ends there) or skip (the rank is blank)")
	fl.IntVar(&c.developers, "developers", -1, "debian: the number of developers, which sets the quorum 3·√N/2 (0: no quorum)")
	fl.StringVar(&c.defaultOption, "default-option", "", "debian: the default option's name (default: the option named \"None of the above\" or \"Further discussion\")")
}

// wanted says whether the command line asks for a pairwise count.
func (c *condorcetFlags) wanted(cmd *cobra.Command) bool {
	return cmd.Flags().Changed("method") || c.pairwise
}

// options reads the ballot-reading flags.
func (c *condorcetFlags) options() (condorcet.Options, error) {
	var o condorcet.Options
	var err error
	if o.Unranked, err = condorcet.ParseUnranked(c.unranked); err != nil {
		return o, usageError{fmt.Errorf("--unranked: %v", err)}
	}
	if o.Overvote, err = condorcet.ParseOvervote(c.overvote); err != nil {
		return o, usageError{fmt.Errorf("--pairwise-overvote: %v", err)}
	}
	return o, nil
}

// tieBreak is the policy for ties for first place: --tie-break lot (the
// seeded lot, --seed), --tie-fallback, or a --tie-order (earlier listed
// first); by default a tie is reported and stands.
func (c *condorcetFlags) tieBreak(cmd *cobra.Command, f *inputFlags, r *rankedFlags) (condorcet.TieBreak, error) {
	tb := condorcet.TieBreak{Seed: f.seed}
	fl := cmd.Flags()
	switch f.tieBreak {
	case "pending":
	case "lot":
		tb.Fallback = condorcet.FallbackLot
	default:
		return tb, usageError{fmt.Errorf("--tie-break %q: expected pending or lot", f.tieBreak)}
	}
	if fl.Changed("tie-order") {
		for _, s := range strings.Split(r.tieOrder, ">") {
			if s = strings.TrimSpace(s); s != "" {
				tb.Order = append(tb.Order, s)
			}
		}
		if !fl.Changed("tie-break") {
			tb.Fallback = condorcet.FallbackOrder
		}
	}
	if fl.Changed("tie-fallback") {
		v, err := condorcet.ParseFallback(r.fallback)
		if err != nil {
			return tb, usageError{fmt.Errorf("--tie-fallback: %v", err)}
		}
		tb.Fallback = v
	}
	if tb.Fallback == condorcet.FallbackOrder && len(tb.Order) == 0 {
		return tb, usageError{fmt.Errorf("--tie-fallback order needs --tie-order \"A>B>C\"")}
	}
	return tb, nil
}

// debianRule builds the Debian rule; the number of developers must be
// given (it sets the quorum).
func (c *condorcetFlags) debianRule(cmd *cobra.Command) (condorcet.DebianRule, error) {
	if c.developers < 0 && cmd.Flags().Changed("developers") {
		return condorcet.DebianRule{}, usageError{fmt.Errorf("--developers %d: expected the number of developers, 0 or more (0: no quorum)", c.developers)}
	}
	if c.developers < 0 {
		return condorcet.DebianRule{}, usageError{fmt.Errorf("the Debian rule needs the number of developers for its quorum (3·√N/2): give --developers N (972 for the 2006 leader election), or --developers 0 to count without a quorum")}
	}
	return condorcet.DebianRule{Developers: c.developers, NoQuorum: c.developers == 0, Default: c.defaultOption}, nil
}

// irvOnly are the flags that only instant-runoff counts use.
var irvOnly = []string{"rule", "overvote", "equal-ranking", "duplicate", "unknown-candidate", "exhaust-on-skipped", "max-ranks",
	"majority", "exclusion", "until-two", "write-ins-first", "countback", "seats", "filling"}

// countCondorcet counts ranked ballots by a pairwise method, or shows the
// pairwise table. p is the profile when already read (with its format).
func countCondorcet(cmd *cobra.Command, f *inputFlags, r *rankedFlags, c *condorcetFlags, arg string, p *ballot.Profile, fm string) error {
	for _, name := range irvOnly {
		switch {
		case !cmd.Flags().Changed(name):
		case c.wanted(cmd):
			return usageError{fmt.Errorf("--%s applies to instant-runoff counts, not to --method or --pairwise (for pairwise methods see --unranked and --pairwise-overvote)", name)}
		case name != "rule":
			return usageError{fmt.Errorf("--%s applies to instant-runoff counts; a Debian tally sheet is counted by the Debian rule unless --rule is given", name)}
		}
	}
	method := strings.TrimSpace(c.method)
	if cmd.Flags().Changed("method") && method == "" {
		return usageError{fmt.Errorf("--method: expected a method, METHOD[:VARIANT]: %s", strings.Join(condorcet.MethodNames(), ", "))}
	}
	if method == "" && !c.pairwise {
		method = condorcet.Debian // a Debian tally sheet without --method
	}
	var spec condorcet.Spec
	if method != "" {
		var err error
		if spec, err = condorcet.ParseSpec(method); err != nil {
			return usageError{fmt.Errorf("--method: %v", err)}
		}
	}
	opt, err := c.options()
	if err != nil {
		return err
	}
	tb, err := c.tieBreak(cmd, f, r)
	if err != nil {
		return err
	}
	var deb condorcet.DebianRule
	if spec.Method == condorcet.Debian {
		if deb, err = c.debianRule(cmd); err != nil {
			return err
		}
	}
	if p == nil {
		if p, fm, err = r.read(arg, f.inputFormat, cmd.ErrOrStderr()); err != nil {
			return err
		}
	}
	title := p.Title
	if title == "" {
		title = filepath.Base(arg)
	}
	if err := checkTieOrder(p, tb.Order); err != nil {
		return err
	}
	m := condorcet.Tally(p, opt)
	pw := report.Pairwise{Election: title, Source: arg, InputFormat: fm, Notes: p.Notes, Matrix: m}
	if spec.Method == "" {
		return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WritePairwise(w, &pw, f.output) })
	}
	res, err := condorcet.Count(p, m, spec, tb, deb)
	if err != nil {
		return fmt.Errorf("%s: %w", arg, err)
	}
	x := &report.CondorcetCount{Pairwise: pw, Result: res, WithPairwise: c.pairwise}
	return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteCondorcet(w, x, f.output) })
}

// isDebian says whether a Debian tally sheet read without --rule is
// counted by the Debian rule.
func isDebian(cmd *cobra.Command, fm string) bool {
	return fm == debian.Format && !cmd.Flags().Changed("rule")
}

// defaultMethods are the methods `psephos compare` runs on ranked ballots.
var defaultMethods = []string{compare.IRV, condorcet.Schulze, condorcet.RankedPairs, condorcet.Copeland, condorcet.Minimax, condorcet.Borda, condorcet.Kemeny}

// registerCompare adds the instant-runoff flags `compare` uses for irv and
// for reading ballots.
func (r *rankedFlags) registerCompare(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&r.rule, "rule", "", "ranked ballots: the instant-runoff rule for irv ("+strings.Join(stv.PresetNames(), ", ")+"; default "+DefaultRule+")")
	fl.StringVar(&r.candidates, "candidates", "", "ranked ballots: the AEC candidates file for the 2016 Senate layout")
	fl.StringVar(&r.state, "state", "", "ranked ballots: the state to take from --candidates (default: from the file name)")
	fl.StringVar(&r.fallback, "tie-fallback", "", "ranked ballots, ties: lot (seeded by --seed), order (--tie-order) or none (report the tie)")
	fl.StringVar(&r.tieOrder, "tie-order", "", "ranked ballots: a tie order, candidate names separated by '>', earlier listed first")
	fl.BoolVar(&r.progress, "progress", true, "show a progress bar on standard error for large files when it is a terminal")
}

// compareRanked counts ranked ballots by several methods side by side.
func compareRanked(cmd *cobra.Command, f *inputFlags, r *rankedFlags, c *condorcetFlags, methods []string, arg string) error {
	if err := f.check(); err != nil {
		return err
	}
	if err := compare.ParseRankedMethods(methods); err != nil {
		return usageError{fmt.Errorf("--methods: %v", err)}
	}
	opt := compare.RankedOptions{}
	var err error
	if opt.Pairwise, err = c.options(); err != nil {
		return err
	}
	if opt.TieBreak, err = c.tieBreak(cmd, f, r); err != nil {
		return err
	}
	if opt.IRV, err = r.rules(cmd, f.seed); err != nil {
		return err
	}
	for _, m := range methods {
		if strings.TrimSpace(m) == condorcet.Debian {
			if opt.Debian, err = c.debianRule(cmd); err != nil {
				return err
			}
		}
	}
	p, fm, err := r.read(arg, f.inputFormat, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	if err := checkTieOrder(p, opt.TieBreak.Order); err != nil {
		return err
	}
	if err := checkTieOrder(p, opt.IRV.TieBreak.Order); err != nil {
		return err
	}
	res, err := compare.Ranked(p, methods, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", arg, err)
	}
	title := p.Title
	if title == "" {
		title = filepath.Base(arg)
	}
	x := &report.RankedComparison{Pairwise: report.Pairwise{Election: title, Source: arg, InputFormat: fm, Notes: p.Notes, Matrix: res.Matrix}, Result: res}
	return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteRankedComparison(w, x, f.output) })
}

// checkTieOrder refuses a --tie-order naming someone who is not a
// candidate of the election: a misspelt name would otherwise be found out
// only at a tie, or never.
func checkTieOrder(p *ballot.Profile, order []string) error {
	var unknown []string
	for _, name := range order {
		if p.CandidateIndex(name) < 0 {
			unknown = append(unknown, strconv.Quote(name))
		}
	}
	if len(unknown) > 0 {
		return usageError{fmt.Errorf("--tie-order: no candidate named %s in this election (candidates: %s)", strings.Join(unknown, " or "), strings.Join(p.Candidates, ", "))}
	}
	return nil
}
