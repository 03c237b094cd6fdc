package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/apportion"
	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/report"
)

func newCompare() *cobra.Command {
	var f inputFlags
	var rf rankedFlags
	var cf condorcetFlags
	var methods []string
	var systems, independents []string
	var listShare, threshold string
	var minShare float64
	cmd := &cobra.Command{
		Use:   "compare INPUT [--systems S,...] | compare BALLOTS [--methods M,...]",
		Short: "One election under several electoral systems side by side; ranked ballots under several counting methods",
		Long: `Put one constituency election through several electoral systems and show each
party's seats side by side, with each system's Gallagher index, its largest
party, and a line stating the method and every assumption.

A system is KIND[:METHOD][@SCOPE]:
  fptp                   the count as held
  dhondt@region          list PR (any method of "psephos apportion") in
                         multi-member districts formed from each region (or
                         nation), each keeping its seats; without @ nationwide
  ams@region             additional member system (D'Hondt, constituency seats
                         in the divisors) with --list-share of each region's
                         seats as list seats
  parallel@region        parallel voting: list seats added to constituency seats

Everything but fptp is a projection from the same votes (see the README).

Given ranked ballots (detected, or --input-format naming a ballot format,
or --methods), compare counts them by each of --methods — irv (instant-runoff
under --rule) and the pairwise methods ` + strings.Join(condorcet.MethodNames(), ", ") + `
(METHOD:VARIANT picks a variant) — and says where they disagree.`,
		Example: `  psephos compare uk-ge-2024
  psephos compare uk-ge-2024 --systems fptp,dhondt@region,sainte-lague,ams@region --list-share 40
  psephos compare uk-ge-2024 --systems fptp,hare@nation,ams:sainte-lague@region --threshold 5 --format json
  psephos compare 2009-Burlington-Mayor.blt --methods irv,schulze,ranked-pairs,copeland,borda --rule burlington-2009`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("methods") || rf.isRanked(cmd, f.inputFormat, args[0]) {
				if cmd.Flags().Changed("systems") {
					return usageError{fmt.Errorf("--systems applies to results files; ranked ballots are compared by --methods")}
				}
				return compareRanked(cmd, &f, &rf, &cf, methods, args[0])
			}
			var sys []compare.System
			for _, s := range systems {
				x, err := compare.ParseSystem(s)
				if err != nil {
					return usageError{err}
				}
				sys = append(sys, x)
			}
			if len(sys) == 0 {
				return usageError{fmt.Errorf("--systems: expected at least one system")}
			}
			opt := compare.Options{Independents: independents}
			p, err := apportion.ParseShare(listShare)
			if err != nil {
				return usageError{fmt.Errorf("--list-share: %v", err)}
			}
			if p.Num <= 0 || p.Num >= p.Den {
				return usageError{fmt.Errorf("--list-share %s: expected a share above 0 and below 100%%", listShare)}
			}
			opt.ListShare = p
			if threshold != "" {
				if opt.Threshold.Share, err = apportion.ParseShare(threshold); err != nil {
					return usageError{fmt.Errorf("--threshold: %v", err)}
				}
			}
			l, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			opt.Seed = f.seed
			if !cmd.Flags().Changed("independent") {
				opt.Independents = compare.Individuals(l.e)
			}
			c, err := compare.Run(l.e, l.results, sys, opt)
			if err != nil {
				return err
			}
			if c.Election == "" {
				c.Election = l.name
			}
			r := &report.Comparison{Source: l.source, InputFormat: l.format, Notes: l.e.Notes, Result: c, MinShare: minShare}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteComparison(w, r, f.output) })
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringSliceVar(&systems, "systems", []string{"fptp", "dhondt@region", "sainte-lague", "ams@region"}, "systems to compare, KIND[:METHOD][@SCOPE], comma-separated")
	fl.StringVar(&listShare, "list-share", "40", "AMS and parallel: the share of each region's seats that are list seats, a percent (40) or a fraction (2/5); the rest are constituency seats")
	fl.StringVar(&threshold, "threshold", "", "a legal threshold for list seats: a percent (5) or a fraction (1/20) of the votes in the system's scope")
	fl.StringSliceVar(&independents, "independent", compare.DefaultIndependents, "party IDs whose candidates stand as individuals under list systems (one-person lists, one seat at most); by default those of these that stand")
	fl.Float64Var(&minShare, "min-share", 0.5, "table and Markdown: sum parties with no seats anywhere below this percent of the votes into one row")
	fl.StringSliceVar(&methods, "methods", defaultMethods, "ranked ballots: methods to compare, comma-separated: irv, "+strings.Join(condorcet.MethodNames(), ", ")+" (METHOD:VARIANT for a variant)")
	rf.registerCompare(cmd)
	cf.register(cmd, false)
	return cmd
}
