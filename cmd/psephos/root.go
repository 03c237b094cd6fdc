package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

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
	root.AddCommand(newReport(), newCount(), newExplain(), newDatasets(), newProject(), newBacktest(), newApportion(), newCompare(), newConvert(), newServe())
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
	fl.Uint64Var(&f.seed, "seed", 1, "seed of psephos's lot (--tie-break lot) and of simulations; the same seed gives the same draw")
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

	totals, totalsName string // a dataset giving electorates and rejected ballots
	totalsErr          error
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
	path, d, res, err := f.resolve(ctx, arg, stderr)
	if err != nil {
		return nil, err
	}
	if d != nil {
		l.name, l.source, l.noun = d.Title, d.Name+" ("+d.Source+")", d.Noun
		if d.Totals != "" {
			totals, _ := dataset.Lookup(d.Totals)
			tp, terr := res.Resolve(ctx, totals)
			switch {
			case terr == nil:
				l.totals, l.totalsName = tp, totals.Name
			case errors.Is(terr, dataset.ErrChanged):
				return nil, terr // a changed file is an error, never a quiet downgrade
			default:
				l.totalsErr = terr
			}
		}
	} else if arg == "-" {
		l.name, l.source = "standard input", "standard input"
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
		var uf *format.UnknownFormatError
		if errors.As(err, &uf) {
			return nil, usageError{err}
		}
		return nil, err
	}
	if (len(f.columns) > 0 || f.delimiter != ",") && l.format != csv.Format {
		return nil, usageError{fmt.Errorf("--column and --delimiter apply to the generic CSV only; %s was read as %s", l.source, l.format)}
	}
	if e.Name != "" {
		l.name = e.Name
	}
	switch {
	case l.totals != "":
		te, _, err := format.ReadResultsFile(l.totals, format.Options{})
		if err == nil {
			err = e.AddTotals(te)
		}
		if err != nil {
			return nil, err
		}
		e.Notes = append(e.Notes, "Electorates and rejected ballots are from "+l.totalsName+"; its valid votes were checked to equal this file's in every contest.")
	case l.totalsErr != nil:
		e.Notes = append(e.Notes, "Electorates and rejected ballots are not shown: "+l.totalsErr.Error())
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

// resolve returns the file for arg: arg itself when it is a file (or "-"),
// else the named dataset's file, found or downloaded by the resolver it
// returns.
func (f *inputFlags) resolve(ctx context.Context, arg string, stderr io.Writer) (string, *dataset.Dataset, *dataset.Resolver, error) {
	res := &dataset.Resolver{DataDir: f.dataDir, Client: &http.Client{Timeout: 2 * time.Minute}}
	if file, ok := stderr.(*os.File); ok && term.IsTerminal(int(file.Fd())) {
		res.Log = stderr // say so before a download only to a person watching
	}
	if !f.noDownload {
		res.CacheDir = f.cacheDir
		if res.CacheDir == "" {
			if dir, err := os.UserCacheDir(); err == nil {
				res.CacheDir = filepath.Join(dir, "psephos")
			}
		}
	}
	if arg == "-" {
		return arg, nil, res, nil
	}
	// A dataset name wins over a file of the same name in the current
	// folder (write ./NAME for the file): the name promises a checked file.
	if d, ok := dataset.Lookup(arg); ok {
		path, err := res.Resolve(ctx, d)
		return path, &d, res, err
	}
	if _, err := os.Stat(arg); err != nil {
		if dataset.IsName(arg) {
			return "", nil, nil, fmt.Errorf("%s: no such file, and no dataset of that name (datasets: %s)", arg, strings.Join(dataset.Names(), ", "))
		}
		return "", nil, nil, fmt.Errorf("%s: no such file", arg)
	}
	return arg, nil, res, nil
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
