package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/condorcet"
	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/measure"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/stv"
)

func (l *loaded) report(by string, minShare float64) *report.Report {
	r := &report.Report{
		Election: l.name, Source: l.source, InputFormat: l.format, Notes: l.e.Notes, Noun: l.noun,
		Whole: measure.Summarize(l.e, l.results), MinShare: minShare,
	}
	if by != "" {
		r.Areas = measure.ByArea(l.e, l.results, by)
	}
	return r
}

func newReport() *cobra.Command {
	var f inputFlags
	var by, svg, hexmap, colours string
	var minShare float64
	cmd := &cobra.Command{
		Use:   "report INPUT",
		Short: "Seats against votes: per party, indices of disproportionality, and a plain line per party",
		Example: `  psephos report uk-ge-2024
  psephos report uk-ge-2024 --by nation --format markdown
  psephos report results.csv --column contest=Constituency --column votes=Total --format json
  psephos report uk-ge-2024 --svg parliament > parliament.svg
  psephos report uk-ge-2024 --svg map > map.svg`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if by != "" && by != election.Nation && by != election.Region {
				return usageError{fmt.Errorf("--by %q: expected nation or region", by)}
			}
			if !(minShare >= 0 && minShare <= 100) {
				return usageError{fmt.Errorf("--min-share %v: expected a percentage from 0 to 100", minShare)}
			}
			l, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			r := l.report(by, minShare)
			if svg != "" {
				return f.writeSVG(cmd, l, r, svg, hexmap, colours)
			}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteSummary(w, r, f.output) })
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&svg, "svg", "", "draw a chart as SVG instead of the report: parliament (hemicycle), map (hex map; see --hexmap) or bars (vote and seat shares)")
	cmd.Flags().StringVar(&hexmap, "hexmap", "uk-2024-hexmap", "the HexJSON layout for --svg map: a file or a dataset name")
	cmd.Flags().StringVar(&colours, "colours", "", "party colours, as PARTY=#rrggbb,... (default: the documented table in report/colours.go)")
	cmd.Flags().StringVar(&by, "by", "", "also measure each nation or region (nation|region)")
	cmd.Flags().Float64Var(&minShare, "min-share", 0.5, "table and Markdown: sum parties without seats below this percent of the votes into one row")
	return cmd
}

func newCount() *cobra.Command {
	var f inputFlags
	var rf rankedFlags
	var cf condorcetFlags
	cmd := &cobra.Command{
		Use:   "count INPUT...",
		Short: "Every contest's result: winner, votes, majority, runner-up, ties; ranked ballots by instant-runoff, round by round",
		Long: `count reads a results file and gives every contest's first-past-the-post result.

Given ranked ballots instead (detected from the file, or with --rule, or with
--input-format naming a ballot format: ` + strings.Join(format.BallotFormatNames(), ", ") + `),
it counts them under a named rule (--rule; presets: ` + strings.Join(stv.PresetNames(), ", ") + `):
by instant-runoff, showing the rounds (votes, transfers from each excluded
candidate, exhausted ballots by reason, the threshold), or by multi-seat STV
(scotland, ireland, australian-senate, meek, meek-nz, warren, minneapolis-stv,
alameda-stv, ers97, gregory), showing every stage: votes transferred and
totals, transfer values, non-transferable votes, loss by fraction, quota, who
was elected or excluded and why, and every tie. --seats sets the seats where
the file does not. Several files, or a folder, are counted in parallel, one
line each. --format is the output format.

--method counts ranked ballots by a pairwise (Condorcet) method instead:
` + strings.Join(condorcet.MethodNames(), ", ") + ` (METHOD:VARIANT picks a variant);
--pairwise shows the head-to-head table. A Debian tally sheet is counted by the
Debian rule unless --rule or --method says otherwise.`,
		Example: `  psephos count uk-ge-2024
  psephos count 2011-San_Francisco-Mayor.blt --rule san-francisco
  psephos count ballots.csv --rule rctab --overvote exhaust-if-multiple-continuing --format json
  psephos count Linn-2007.blt --rule scotland
  psephos count aec-senate-formalpreferences-24310-TAS.csv.gz --rule australian-senate --seats 6
  psephos count scot-elex/blt_files --rule scotland --format csv
  psephos count 2009-Burlington-Mayor.blt --method schulze --pairwise
  psephos count leader2006_tally.txt --developers 972`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if isBatch(args) {
				if cf.wanted(cmd) {
					return usageError{fmt.Errorf("--method and --pairwise count one file at a time")}
				}
				return countBatch(cmd, &f, &rf, args)
			}
			if cf.wanted(cmd) || rf.isRanked(cmd, f.inputFormat, args[0]) {
				return countRanked(cmd, &f, &rf, &cf, args[0])
			}
			l, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			c := &report.Count{Election: l.name, Source: l.source, InputFormat: l.format, Results: l.results}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteCount(w, c, f.output) })
		},
	}
	f.register(cmd)
	rf.register(cmd)
	cf.register(cmd, true)
	return cmd
}

func newExplain() *cobra.Command {
	var f inputFlags
	var party string
	var limit int
	cmd := &cobra.Command{
		Use:     "explain INPUT --party P",
		Short:   "One party in depth: where it won, where it came second, its nearest misses and the swing each needed",
		Example: "  psephos explain uk-ge-2024 --party RUK",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if party == "" {
				return usageError{fmt.Errorf("--party is required (a party code such as RUK, or its name)")}
			}
			if limit < 0 {
				return usageError{fmt.Errorf("--limit %d: expected 0 (all) or more", limit)}
			}
			if f.output == report.CSV {
				return usageError{report.ErrNoCSV}
			}
			l, err := f.load(cmd.Context(), args[0], cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			d, err := measure.Explain(l.e, l.results, party)
			if err != nil {
				return usageError{err}
			}
			x := &report.Explanation{Report: l.report("", 0), Detail: d, Limit: limit}
			return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteExplanation(w, x, f.output) })
		},
	}
	f.register(cmd)
	cmd.Flags().StringVarP(&party, "party", "p", "", "the party: its code (e.g. RUK) or name (e.g. \"Reform UK\")")
	cmd.Flags().IntVar(&limit, "limit", 15, "rows per table (0: all); JSON lists all")
	return cmd
}

func newDatasets() *cobra.Command {
	return &cobra.Command{
		Use:   "datasets",
		Short: "List the named official results files (read from --data-dir, else downloaded once and checked)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			for _, d := range dataset.All {
				fmt.Fprintf(w, "%-27s %s\n%27s source: %s\n%27s file:   %s\n%27s url:    %s\n", d.Name, d.Title, "", d.Source, "", d.Path, "", d.URL)
			}
			return nil
		},
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s: expected %d argument(s), found %d (usage: psephos %s)", cmd.Name(), n, len(args), cmd.Use)}
		}
		return nil
	}
}

// writeSVG draws one chart of the report.
func (f *inputFlags) writeSVG(cmd *cobra.Command, l *loaded, r *report.Report, kind, hexmap, colourSpec string) error {
	colours := report.Colours{}
	if err := colours.Set(colourSpec); err != nil {
		return usageError{fmt.Errorf("--colours: %v", err)}
	}
	title := r.Election
	switch kind {
	case report.Parliament:
		return emit(cmd.OutOrStdout(), func(w io.Writer) error {
			return report.WriteParliament(w, title, report.ParliamentOf(&r.Whole), r.Whole.Seats, colours)
		})
	case report.Bars:
		return emit(cmd.OutOrStdout(), func(w io.Writer) error {
			return report.WriteBars(w, title+": share of votes and of seats", &r.Whole, 1, colours)
		})
	case report.HexMap:
		layout, err := f.readHexMap(cmd, hexmap)
		if err != nil {
			return err
		}
		return emit(cmd.OutOrStdout(), func(w io.Writer) error {
			return report.WriteHexMap(w, title+": winner in each constituency", layout, l.results, func(id string) string { return l.e.Party(id).Name }, colours)
		})
	}
	return usageError{fmt.Errorf("--svg %q: expected one of %s", kind, strings.Join(report.Charts, ", "))}
}
