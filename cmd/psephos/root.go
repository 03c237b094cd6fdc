package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/csv"
	"github.com/psephos/psephos/plurality"
	"github.com/psephos/psephos/report"
)

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "psephos",
		Short: "Count elections exactly and explain seats against votes",
		Long: `psephos counts elections the way the law counts them and explains the result:
seats against votes, placings, majorities, votes that elected nobody, and how far
the result is from proportional.

INPUT is a results file (House of Commons Library CSVs, the UK Parliament
results export, or the generic long CSV described in the README), "-" for
standard input, or a dataset name such as uk-ge-2024 (see "psephos datasets").`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newReport(), newCount(), newExplain(), newDatasets(), newApportion(), newCompare())
	return root
}

// inputFlags are the flags every command that reads results shares.
type inputFlags struct {
	inputFormat string
	columns     []string
	delimiter   string
	dataDir     string
	cacheDir    string
	noDownload  bool
	tieBreak    string
	seed        uint64
	lots        []string
	output      string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.inputFormat, "input-format", "", "force the results reader: "+strings.Join(formatNames(), ", ")+" (default: detected from the header)")
	fl.StringArrayVar(&f.columns, "column", nil, "generic CSV: read FIELD from column NAME, as FIELD=NAME (fields: contest, contest_id, candidate, party, votes, seats, electorate, invalid_votes, nation, region, area:KIND); repeatable")
	fl.StringVar(&f.delimiter, "delimiter", ",", "generic CSV: the field delimiter (one character, e.g. ';')")
	fl.StringVar(&f.dataDir, "data-dir", os.Getenv("PSEPHOS_DATA"), "folder holding official results files for dataset names (default $PSEPHOS_DATA)")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "where downloaded datasets are kept (default: the user cache folder, psephos)")
	fl.BoolVar(&f.noDownload, "no-download", false, "never download a dataset; use only the data and cache folders")
	fl.StringVar(&f.tieBreak, "tie-break", "pending", "a tie for a seat: pending (report it; the law requires a lot) or lot (psephos's seeded lot, recorded in the output)")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the lot for --tie-break lot")
	fl.StringArrayVar(&f.lots, "lot", nil, "record a lot drawn by the returning officer, as CONTEST=CANDIDATE (contest ID or name); repeatable")
	fl.StringVarP(&f.output, "format", "f", report.Table, "output: "+strings.Join(report.Formats, ", "))
}

func formatNames() []string {
	var out []string
	for _, f := range format.ResultsFormats {
		out = append(out, f.Name)
	}
	return out
}

// loaded is an election read and counted.
type loaded struct {
	e       *election.Election
	results []plurality.Result
	name    string // the election's title
	source  string // file or dataset
	format  string // reader used
	noun    string
}

func (f *inputFlags) check() error {
	if err := report.CheckFormat(f.output); err != nil {
		return usageError{err}
	}
	return nil
}

func (f *inputFlags) tieBreakPolicy() (plurality.TieBreak, error) {
	tb := plurality.TieBreak{Seed: f.seed}
	switch f.tieBreak {
	case "pending":
	case "lot":
		tb.Lot = true
	default:
		return tb, usageError{fmt.Errorf("--tie-break %q: expected pending or lot", f.tieBreak)}
	}
	for _, l := range f.lots {
		contest, cand, ok := strings.Cut(l, "=")
		if !ok || contest == "" || cand == "" {
			return tb, usageError{fmt.Errorf("--lot %q: expected CONTEST=CANDIDATE", l)}
		}
		if tb.Drawn == nil {
			tb.Drawn = map[string][]string{}
		}
		tb.Drawn[contest] = append(tb.Drawn[contest], cand)
	}
	return tb, nil
}

func (f *inputFlags) options() (format.Options, error) {
	opt := format.Options{Format: f.inputFormat}
	if len(f.columns) > 0 {
		opt.Columns = csv.DefaultColumns()
		for _, c := range f.columns {
			field, col, ok := strings.Cut(c, "=")
			if !ok || col == "" {
				return opt, usageError{fmt.Errorf("--column %q: expected FIELD=NAME", c)}
			}
			if err := opt.Columns.Set(field, col); err != nil {
				return opt, usageError{fmt.Errorf("--column %q: %v", c, err)}
			}
		}
	}
	r := []rune(f.delimiter)
	if len(r) != 1 {
		return opt, usageError{fmt.Errorf("--delimiter %q: expected one character", f.delimiter)}
	}
	opt.Comma = r[0]
	return opt, nil
}

// load reads, validates and counts the input named by arg.
func (f *inputFlags) load(ctx context.Context, arg string, stderr io.Writer) (*loaded, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	opt, err := f.options()
	if err != nil {
		return nil, err
	}
	tb, err := f.tieBreakPolicy()
	if err != nil {
		return nil, err
	}
	l := &loaded{source: arg, name: arg, noun: "contest"}
	path := arg
	if _, statErr := os.Stat(arg); statErr != nil && arg != "-" {
		d, ok := dataset.Lookup(arg)
		if !ok {
			if dataset.IsName(arg) {
				return nil, fmt.Errorf("%s: no such file, and no dataset of that name (datasets: %s)", arg, strings.Join(dataset.Names(), ", "))
			}
			return nil, statErr
		}
		res := dataset.Resolver{DataDir: f.dataDir, Log: stderr}
		if !f.noDownload {
			res.CacheDir = f.cacheDir
			if res.CacheDir == "" {
				if dir, err := os.UserCacheDir(); err == nil {
					res.CacheDir = filepath.Join(dir, "psephos")
				}
			}
		}
		if path, err = res.Resolve(ctx, d); err != nil {
			return nil, err
		}
		l.name, l.source, l.noun = d.Title, d.Name+" ("+d.Source+")", d.Noun
	} else {
		l.name = filepath.Base(arg)
	}
	var e *election.Election
	if path == "-" {
		e, l.format, err = format.ReadResults(os.Stdin, "stdin", opt)
	} else {
		e, l.format, err = format.ReadResultsFile(path, opt)
	}
	if err != nil {
		return nil, err
	}
	if e.Name != "" {
		l.name = e.Name
	}
	if strings.HasPrefix(l.format, "hoc-") || strings.HasPrefix(l.format, "ukparl-") {
		l.noun = "constituency"
	}
	l.e = e
	if l.results, err = plurality.CountElection(e, tb); err != nil {
		return nil, err
	}
	return l, nil
}

// emit writes the rendered output only when rendering succeeded, so a
// failure leaves nothing partial on standard output.
func emit(w io.Writer, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
