package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/hoc"
	"github.com/psephos/psephos/format/pollbase"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/swing"
)

// swingFlags are the flags that say how to project.
type swingFlags struct {
	shares     []string
	model      string
	successors []string
	gbWide     []string
	fixed      []string
	scope      string
	threshold  float64
}

func (s *swingFlags) register(cmd *cobra.Command, successorDefault []string, withModel bool) {
	fl := cmd.Flags()
	if withModel {
		fl.StringVar(&s.model, "model", string(swing.Uniform), "swing model: uns, proportional, transition, strong-transition")
	}
	fl.StringArrayVar(&s.shares, "share", nil, "target vote shares in percent, PARTY=PCT,...; Oth=PCT for all parties not named; prefix AREA: for a nation or region (e.g. 'Scotland: SNP=30,Lab=35.3,Oth=34.7'); repeatable")
	fl.StringArrayVar(&s.successors, "successor", successorDefault, "count a baseline party's votes for its successor, OLD=NEW (e.g. BRX=RUK); repeatable")
	fl.StringSliceVar(&s.gbWide, "gb-wide", nil, "parties that stand in every contest the national shares cover (default: each party stands in the nations where it stood in the baseline)")
	fl.StringSliceVar(&s.fixed, "fixed", []string{"Spk"}, "parties whose baseline seats keep their baseline result (the Speaker)")
	fl.StringVar(&s.scope, "scope", "auto", "contests the national shares cover: gb (all but Northern Ireland), all, or auto (gb when the baseline has Northern Ireland)")
	fl.Float64Var(&s.threshold, "threshold", 20, "strong-transition threshold: support up to this percent of a seat's votes is weak")
}

func (s *swingFlags) successorMap() (map[string]string, error) {
	m := map[string]string{}
	for _, x := range s.successors {
		old, nw, ok := strings.Cut(x, "=")
		if !ok || old == "" || nw == "" {
			return nil, usageError{fmt.Errorf("--successor %q: expected OLD=NEW, e.g. BRX=RUK", x)}
		}
		m[strings.TrimSpace(old)] = strings.TrimSpace(nw)
	}
	return m, nil
}

func (s *swingFlags) exclude(e *election.Election) ([]string, error) {
	ex, err := swing.ScopeExclude(e, s.scope)
	if err != nil {
		return nil, usageError{fmt.Errorf("--%v", err)}
	}
	return ex, nil
}

func (s *swingFlags) options(e *election.Election, model swing.Model) (swing.Options, error) {
	opt := swing.Options{Model: model, GBWide: s.gbWide, Fixed: s.fixed, Threshold: s.threshold / 100}
	var err error
	if opt.Successors, err = s.successorMap(); err != nil {
		return opt, err
	}
	if opt.Exclude, err = s.exclude(e); err != nil {
		return opt, err
	}
	// A successor absent from the baseline takes the name the House of
	// Commons Library gives its code (RUK: Reform UK).
	opt.Names = hoc.Names
	if s.threshold <= 0 || s.threshold >= 100 {
		return opt, usageError{fmt.Errorf("--threshold %v: expected a percentage between 0 and 100", s.threshold)}
	}
	return opt, nil
}

func parseShares(specs []string) ([]swing.Target, error) {
	var out []swing.Target
	for _, s := range specs {
		t, err := swing.ParseTarget(s)
		if err != nil {
			return nil, usageError{fmt.Errorf("--share %v", err)}
		}
		out = append(out, t)
	}
	return out, nil
}

func newProject() *cobra.Command {
	var f inputFlags
	var s swingFlags
	var polls, from, to, pollMethod string
	var includeMRP bool
	var runs, limit, workers int
	var nationalSD, seatSD float64
	cmd := &cobra.Command{
		Use:   "project BASELINE (--share SHARES | --polls FILE)",
		Short: "Seats from new vote shares: uniform, proportional or transition swing from a baseline election, with an optional simulation",
		Long: `project applies new vote shares to a baseline election (any results file or
dataset psephos reads) and reports the seats each party would win, the seats
changing hands and the most marginal seats. --simulate N adds national and
local uncertainty and reports each party's median seats, a 90% interval and
the chance of a majority; --seed seeds it (and any lot).

Shares come from --share (percentages that must sum to 100 ± 0.5; Oth=PCT
stands for all parties not named) or from a PollBase polls file (--polls):
the average of the polls whose fieldwork started in --from..--to. --share
given with --polls adds parties the polls leave in others (SNP, PC).`,
		Example: `  psephos project uk-ge-2019-notional --successor BRX=RUK \
      --share Con=24.4,Lab=34.6,LD=12.6,RUK=14.7,Green=6.9,SNP=2.6,PC=0.7,Oth=3.5 --model transition
  psephos project uk-ge-2019-notional --successor BRX=RUK --polls pollbase.csv \
      --from 2024-06-27 --to 2024-07-03 --share SNP=2.6,PC=0.7 --simulate 10000`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			model, err := swing.ParseModel(s.model)
			if err != nil {
				return usageError{fmt.Errorf("--model: %v", err)}
			}
			if runs < 0 {
				return usageError{fmt.Errorf("--simulate %d: expected a number of runs ≥ 0", runs)}
			}
			if runs >= 1000 {
				// Thousands of simulated elections fill a large heap.
				preferHugePages()
			}
			for _, sd := range []struct {
				flag string
				v    float64
			}{{"--national-sd", nationalSD}, {"--seat-sd", seatSD}} {
				if !(sd.v >= 0 && sd.v <= 100) {
					return usageError{fmt.Errorf("%s %v: expected a standard deviation from 0 to 100 percentage points", sd.flag, sd.v)}
				}
			}
			targets, err := parseShares(s.shares)
			if err != nil {
				return err
			}
			if polls == "" && len(targets) == 0 {
				return usageError{fmt.Errorf("give target shares with --share PARTY=PCT,... or a polls file with --polls")}
			}
			l, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			opt, err := s.options(l.e, model)
			if err != nil {
				return err
			}
			x := &report.Projection{Baseline: l.name, Source: l.source, InputFormat: l.format, Limit: limit}
			if polls != "" {
				avg, err := pollAverage(polls, from, to, pollMethod, includeMRP)
				if err != nil {
					return err
				}
				x.Polls = avg.Describe() + " Every share is the polls' average."
				national := avg.Target()
				var rest []swing.Target
				for _, t := range targets {
					if t.Area == "" {
						x.Polls = avg.Describe() + " Shares " + swing.DescribeMerge(national, t)
						if national, err = swing.Merge(national, t, 0.5); err != nil {
							return fmt.Errorf("--share with --polls: %v", err)
						}
						continue
					}
					rest = append(rest, t)
				}
				targets = append([]swing.Target{national}, rest...)
			}
			opt.Targets = targets
			p, err := swing.New(l.e, opt)
			if err != nil {
				return err
			}
			x.Projection = p.Project()
			if runs > 0 {
				so := swing.SimOptions{Runs: runs, Seed: f.seed, NationalSD: nationalSD, SeatSD: seatSD, Workers: workers}
				if bar := progress(cmd.ErrOrStderr(), runs); bar != nil {
					so.Progress = func(n int) { bar.Set(n) }
					defer bar.Finish()
				}
				if x.Simulation, err = p.Simulate(so); err != nil {
					return usageError{err}
				}
			}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteProjection(w, x, f.output) })
		},
	}
	f.register(cmd)
	s.register(cmd, nil, true)
	fl := cmd.Flags()
	fl.StringVar(&polls, "polls", "", "PollBase voting-intention CSV to average for the national shares")
	fl.StringVar(&from, "from", "", "polls: first fieldwork start date, YYYY-MM-DD (default: 13 days before --to)")
	fl.StringVar(&to, "to", "", "polls: last fieldwork start date, YYYY-MM-DD (default: the latest poll's)")
	fl.StringVar(&pollMethod, "poll-average", swing.PollPollster, "polls: mean (every poll equal) or pollster (each pollster's polls averaged first)")
	fl.BoolVar(&includeMRP, "include-mrp", false, "polls: include MRP polls (left out by default: they repeat large panels)")
	fl.IntVar(&runs, "simulate", 0, "simulate this many elections with national and local errors (0: no simulation)")
	fl.Float64Var(&nationalSD, "national-sd", 2.5, "simulation: national error, percentage points (standard deviation for a party at 50%)")
	fl.Float64Var(&seatSD, "seat-sd", 4, "simulation: local error per candidate, percentage points (standard deviation at 50%)")
	fl.IntVar(&workers, "workers", 0, "simulation: goroutines (0: one per CPU); the result does not depend on it")
	fl.IntVar(&limit, "limit", 20, "rows of the changes and marginal-seat tables (0: all); JSON lists all")
	return cmd
}

func pollAverage(path, from, to, method string, includeMRP bool) (*swing.PollAverage, error) {
	polls, err := pollbase.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var end time.Time
	if to == "" {
		for _, p := range polls {
			if !p.Result && p.Start.After(end) {
				end = p.Start
			}
		}
	} else if end, err = time.Parse(time.DateOnly, to); err != nil {
		return nil, usageError{fmt.Errorf("--to %q: expected a date YYYY-MM-DD", to)}
	}
	start := end.AddDate(0, 0, -13)
	if from != "" {
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return nil, usageError{fmt.Errorf("--from %q: expected a date YYYY-MM-DD", from)}
		}
	}
	return swing.AveragePolls(polls, start, end, method, includeMRP)
}

// progress returns a progress bar on w when w is a terminal, else nil.
func progress(w io.Writer, n int) *progressbar.ProgressBar {
	file, ok := w.(*os.File)
	if !ok || !(isatty.IsTerminal(file.Fd()) || isatty.IsCygwinTerminal(file.Fd())) {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(file), progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
}
