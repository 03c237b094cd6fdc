package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/swing"
)

func newBacktest() *cobra.Command {
	var f inputFlags
	var s swingFlags
	var parties []string
	var models []string
	var byNation bool
	cmd := &cobra.Command{
		Use:   "backtest BASELINE ACTUAL",
		Short: "Project a later election from a baseline with the shares that happened, and compare with its result",
		Long: `backtest projects ACTUAL from BASELINE (both results files or datasets with
the same contests, matched by ID) with each model and reports the seats per
party predicted and actual, the total seat error Σ|predicted − actual| and the
seats called wrong.

The national shares are those ACTUAL gave the --parties over the contests the
national shares cover (all but Northern Ireland by default), others the rest;
--share overrides some of them (the rest still come from ACTUAL). --by-nation
uses each nation's own shares instead. The Brexit Party's 2019 votes count
for Reform UK (--successor BRX=RUK): the Brexit Party renamed itself Reform
UK in January 2021.`,
		Example: `  psephos backtest uk-ge-2019-notional uk-ge-2024 --share Con=24.4,Lab=34.6,LD=12.6,RUK=14.7,Green=6.9
  psephos backtest uk-ge-2019-notional uk-ge-2024 --by-nation --format markdown`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ms []swing.Model
			for _, m := range models {
				if m == "all" {
					ms = append(ms, swing.Models...)
					continue
				}
				mm, err := swing.ParseModel(m)
				if err != nil {
					return usageError{fmt.Errorf("--model: %v", err)}
				}
				ms = append(ms, mm)
			}
			given, err := parseShares(s.shares)
			if err != nil {
				return err
			}
			base, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			actual, err := f.load(cmd.Context(), args[1], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			opt, err := s.options(base.e, "")
			if err != nil {
				return err
			}
			x := &report.Backtest{Baseline: base.name, Actual: actual.name}
			targets, moved, err := swing.BacktestTargets(base.e, actual.e, swing.BacktestShares{Parties: parties, ByNation: byNation,
				Exclude: opt.Exclude, Given: given, Successors: opt.Successors})
			if errors.Is(err, swing.ErrGivenShares) {
				return usageError{fmt.Errorf("--share: %v", err)}
			}
			if err != nil {
				return err
			}
			if byNation {
				opt.Exclude = nil // each nation has its own target
			}
			x.Notes = append(x.Notes, moved...)
			x.Targets = targets
			opt.Targets = targets
			for _, m := range ms {
				opt.Model = m
				p, err := swing.New(base.e, opt)
				if err != nil {
					return err
				}
				pr := p.Project()
				if len(x.Notes) == 0 || m == ms[0] {
					x.Notes = append(x.Notes, pr.Notes...)
				}
				b, err := swing.Compare(pr, actual.e)
				if err != nil {
					return err
				}
				x.Results = append(x.Results, b)
			}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteBacktest(w, x, f.output) })
		},
	}
	f.register(cmd)
	s.register(cmd, []string{"BRX=RUK"}, false)
	cmd.Flags().StringSliceVar(&parties, "parties", strings.Split("Con,Lab,LD,RUK,Green,SNP,PC,DUP,SF,SDLP,APNI,UUP", ","), "parties whose actual shares are used (others are grouped)")
	cmd.Flags().StringSliceVar(&models, "model", []string{"all"}, "models to test: all, or a list of uns, proportional, transition, strong-transition")
	cmd.Flags().BoolVar(&byNation, "by-nation", false, "use each nation's actual shares (regional swing) instead of national shares")
	return cmd
}
