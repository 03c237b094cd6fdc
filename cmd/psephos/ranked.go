package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/blt"
	"github.com/psephos/psephos/format/preflib"
	"github.com/psephos/psephos/format/rankcsv"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/stv"
)

// DefaultRule is the instant-runoff rule used when no --rule is given.
const DefaultRule = "rctab"

// rankedFlags are the flags for reading and counting ranked ballots.
type rankedFlags struct {
	rule          string
	keepOrder     bool
	candidates    string
	state         string
	overvote      string
	equal         string
	duplicate     string
	unknown       string
	skipped       int
	maxRanks      int
	majority      string
	exclusion     string
	untilTwo      bool
	writeInsFirst bool
	countback     string
	fallback      string
	tieOrder      string
	seats         int
	filling       string
	progress      bool
	stv           stvFlags
}

func (r *rankedFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&r.rule, "rule", "", "ranked ballots: count by instant-runoff under this preset ("+strings.Join(stv.PresetNames(), ", ")+"; default "+DefaultRule+")")
	fl.BoolVar(&r.keepOrder, "keep-order", false, "ranked ballots: keep the ballots' order (Irish files always do)")
	fl.StringVar(&r.candidates, "candidates", "", "ranked ballots: the AEC candidates file for the 2016 Senate layout")
	fl.StringVar(&r.state, "state", "", "ranked ballots: the state to take from --candidates (default: from the file name)")
	fl.StringVar(&r.overvote, "overvote", "", "override: exhaust, skip, exhaust-if-multiple-continuing or count-if-single-continuing")
	fl.StringVar(&r.equal, "equal-ranking", "", "override, for formats allowing equal rankings: the same choices as --overvote")
	fl.StringVar(&r.duplicate, "duplicate", "", "override: a repeated candidate: skip or exhaust")
	fl.StringVar(&r.unknown, "unknown-candidate", "", "override: a mark naming no candidate: skip or exhaust")
	fl.IntVar(&r.skipped, "exhaust-on-skipped", -1, "override: a run of this many skipped ranks exhausts the ballot (0: never)")
	fl.IntVar(&r.maxRanks, "max-ranks", -1, "override: ranks counted (0: all)")
	fl.StringVar(&r.majority, "majority", "", "override: majority of continuing or all-ballots")
	fl.StringVar(&r.exclusion, "exclusion", "", "override: lowest (one per round) or batch (all who cannot win)")
	fl.BoolVar(&r.untilTwo, "until-two", false, "override: go on until two candidates remain")
	fl.BoolVar(&r.writeInsFirst, "write-ins-first", false, "override: exclude undeclared write-ins after round 1")
	fl.StringVar(&r.countback, "countback", "", "override, ties: none, previous-rounds or first-round")
	fl.StringVar(&r.fallback, "tie-fallback", "", "override, ties left by the countback: lot (seeded by --seed), order (--tie-order) or none (stop)")
	fl.StringVar(&r.tieOrder, "tie-order", "", "tie order for --tie-fallback order: candidate names separated by '>', the last listed loses")
	fl.IntVar(&r.seats, "seats", 0, "override: seats to fill (more than 1 needs --filling)")
	fl.StringVar(&r.filling, "filling", "", "override, several seats: sequential or aspen-two-vote")
	fl.BoolVar(&r.progress, "progress", true, "show a progress bar on standard error for large files when it is a terminal")
	r.stv.register(cmd)
}

// rules builds the counting rule from the preset and the overrides.
func (r *rankedFlags) rules(cmd *cobra.Command, seed uint64) (stv.Rules, error) {
	name := r.rule
	if name == "" {
		name = DefaultRule
	}
	rl, err := stv.Preset(name)
	if err != nil {
		return rl, usageError{fmt.Errorf("--rule: %v", err)}
	}
	fl := cmd.Flags()
	changed := fl.Changed
	set := func(flag string, f func() error) error {
		if !changed(flag) {
			return nil
		}
		if err := f(); err != nil {
			return usageError{fmt.Errorf("--%s: %v", flag, err)}
		}
		rl.Name = name + " (modified)"
		return nil
	}
	steps := []struct {
		flag string
		f    func() error
	}{
		{"overvote", func() (err error) { rl.Ballot.Overvote, err = ballot.ParseOvervoteRule(r.overvote); return }},
		{"equal-ranking", func() (err error) { rl.Ballot.Equal, err = ballot.ParseOvervoteRule(r.equal); return }},
		{"duplicate", func() (err error) { rl.Ballot.Duplicate, err = ballot.ParseDuplicateRule(r.duplicate); return }},
		{"unknown-candidate", func() (err error) { rl.Ballot.Unknown, err = ballot.ParseUnknownRule(r.unknown); return }},
		{"exhaust-on-skipped", func() error {
			if r.skipped < 0 {
				return fmt.Errorf("expected 0 or more, found %d", r.skipped)
			}
			rl.Ballot.ExhaustOnSkipped = r.skipped
			return nil
		}},
		{"max-ranks", func() error {
			if r.maxRanks < 0 {
				return fmt.Errorf("expected 0 or more, found %d", r.maxRanks)
			}
			rl.Ballot.MaxRanks = r.maxRanks
			return nil
		}},
		{"majority", func() (err error) { rl.Majority, err = stv.ParseMajority(r.majority); return }},
		{"exclusion", func() (err error) { rl.Exclusion, err = stv.ParseExclusion(r.exclusion); return }},
		{"until-two", func() error { rl.ContinueUntilTwo = r.untilTwo; return nil }},
		{"write-ins-first", func() error { rl.ExcludeWriteInsFirst = r.writeInsFirst; return nil }},
		{"countback", func() (err error) { rl.TieBreak.Countback, err = stv.ParseCountback(r.countback); return }},
		{"tie-fallback", func() (err error) { rl.TieBreak.Fallback, err = stv.ParseFallback(r.fallback); return }},
		{"tie-order", func() error {
			rl.TieBreak.Order = nil
			for _, s := range strings.Split(r.tieOrder, ">") {
				if s = strings.TrimSpace(s); s != "" {
					rl.TieBreak.Order = append(rl.TieBreak.Order, s)
				}
			}
			return nil
		}},
		{"seats", func() error {
			if r.seats < 1 {
				return fmt.Errorf("expected 1 or more, found %d", r.seats)
			}
			rl.Seats = r.seats
			return nil
		}},
		{"filling", func() error {
			for _, f := range []stv.Filling{stv.SingleSeat, stv.Sequential, stv.AspenTwoVote} {
				if f.String() == r.filling {
					rl.Filling = f
					return nil
				}
			}
			return fmt.Errorf("expected single, sequential or aspen-two-vote, found %q", r.filling)
		}},
	}
	steps = append(steps, r.stv.steps(&rl)...)
	for _, s := range steps {
		if err := set(s.flag, s.f); err != nil {
			return rl, err
		}
	}
	// The seed is not part of the rule: every count draws its lots from
	// --seed (default 1, as for every command), so giving the default
	// changes nothing and marks nothing modified.
	rl.TieBreak.Seed = seed
	if changed("tie-break") {
		v, _ := fl.GetString("tie-break")
		switch v {
		case "pending":
			rl.TieBreak.Fallback = stv.FallbackNone
		case "lot":
			rl.TieBreak.Fallback = stv.FallbackLot
		default:
			return rl, usageError{fmt.Errorf("--tie-break %q: expected pending or lot", v)}
		}
	}
	return rl, nil
}

// isRanked says whether `count` should treat the input as ranked ballots:
// a --rule, a ballot --input-format, or a file whose start is a ballot format.
func (r *rankedFlags) isRanked(cmd *cobra.Command, inputFormat, arg string) bool {
	if cmd.Flags().Changed("rule") {
		return true
	}
	if inputFormat != "" {
		_, ok := format.LookupBallots(inputFormat)
		return ok
	}
	if arg == "-" {
		return false
	}
	f, err := os.Open(arg)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return format.IsBallots(head[:n])
}

// read reads the ballots named by arg ("-" for standard input).
func (r *rankedFlags) read(arg, inputFormat string, stderr io.Writer) (*ballot.Profile, string, error) {
	opt := format.BallotOptions{Format: inputFormat, KeepOrder: r.keepOrder, Candidates: r.candidates, State: r.state}
	if arg == "-" {
		p, fm, err := format.ReadBallots(os.Stdin, "stdin", opt)
		return nonEmpty("stdin", p, fm, err)
	}
	f, err := os.Open(arg)
	if err != nil {
		if d, ok := dataset.Lookup(arg); ok && errors.Is(err, fs.ErrNotExist) {
			return nil, "", usageError{fmt.Errorf("%s is a dataset of election results (%s), not of ranked ballots: --method, --pairwise, --rule and --methods count a ranked-ballot file (BLT, PrefLib, CSV of rankings, ...)", arg, d.Title)}
		}
		return nil, "", err
	}
	defer f.Close()
	var in io.Reader = f
	st, err := f.Stat()
	if err == nil && largeInput(arg, st.Size()) {
		preferHugePages()
	}
	if err == nil && r.progress && st.Size() > 16<<20 && isTerminal(stderr) {
		bar := progressbar.NewOptions64(st.Size(), progressbar.OptionSetWriter(stderr), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("reading "+filepath.Base(arg)), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))
		defer bar.Finish()
		pr := progressbar.NewReader(f, bar)
		in = &pr
	}
	p, fm, err := format.ReadBallots(in, arg, opt)
	return nonEmpty(arg, p, fm, err)
}

// largeInput reports whether a ballot file of size bytes is worth
// preferHugePages: from 3 MB (1 MB gzipped). San Francisco 2011 (2.2 MB)
// counts faster without; Dublin North (4 MB) and the Tasmania Senate file
// (4 MB gzipped, 25 MB of text) faster with.
func largeInput(name string, size int64) bool {
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		return size >= 1<<20
	}
	return size >= 3<<20
}

// nonEmpty refuses a profile without candidates: there is nothing to count.
func nonEmpty(name string, p *ballot.Profile, fm string, err error) (*ballot.Profile, string, error) {
	if err == nil && len(p.Candidates) == 0 {
		return nil, "", fmt.Errorf("%s: no candidates and no ballots: nothing to count", name)
	}
	return p, fm, err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// countRanked reads ranked ballots and counts them by instant-runoff, or
// by a pairwise method when asked (or for a Debian tally sheet).
func countRanked(cmd *cobra.Command, f *inputFlags, r *rankedFlags, c *condorcetFlags, arg string) error {
	if err := f.check(); err != nil {
		return err
	}
	if c.wanted(cmd) {
		return countCondorcet(cmd, f, r, c, arg, nil, "")
	}
	rl, err := r.rules(cmd, f.seed)
	if err != nil {
		return err
	}
	p, fm, err := r.read(arg, f.inputFormat, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	if err := checkTieOrder(p, rl.TieBreak.Order); err != nil {
		return err
	}
	if isDebian(cmd, fm) {
		return countCondorcet(cmd, f, r, c, arg, p, fm)
	}
	if !cmd.Flags().Changed("seats") && p.Seats > 1 && rl.Filling == stv.SingleSeat && rl.Method == stv.InstantRunoff {
		return usageError{fmt.Errorf("%s asks for %d seats; instant-runoff fills one (give --seats 1 to count it for one seat, or --filling sequential)", arg, p.Seats)}
	}
	if !cmd.Flags().Changed("tie-order") && len(p.TieOrder) > 0 && rl.TieBreak.Fallback == stv.FallbackOrder {
		// BLT's [tie a b c]: earlier listed ranks higher; the last loses.
		for _, k := range p.TieOrder {
			rl.TieBreak.Order = append(rl.TieBreak.Order, p.Candidates[k])
		}
	}
	res, err := stv.Count(p, rl)
	if err != nil {
		return fmt.Errorf("%s: %w", arg, err)
	}
	title := p.Title
	if title == "" {
		title = filepath.Base(arg)
	}
	x := &report.Runoff{Election: title, Source: arg, InputFormat: fm, Notes: p.Notes, Parties: p.Parties, Result: res}
	return emit(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteRunoff(w, x, f.output) })
}

// Output ballot formats of `psephos convert`.
var convertFormats = []string{"blt", "preflib", "rankings-csv"}

func newConvert() *cobra.Command {
	var r rankedFlags
	var inputFormat, to string
	cmd := &cobra.Command{
		Use:   "convert BALLOTS OUTPUT",
		Short: "Convert ranked ballots between formats (to BLT, PrefLib or count,ranking CSV)",
		Long: `convert reads ranked ballots in any format psephos reads (` + strings.Join(format.BallotFormatNames(), ", ") + `)
and writes them as BLT, PrefLib (.soc/.soi/.toc/.toi, chosen to fit) or the count,ranking CSV.
Identical rankings are written once with their count. OUTPUT "-" writes to standard output.
The output format is --to, else taken from OUTPUT's extension (.blt, .soi/.soc/.toc/.toi, .csv).`,
		Example: `  psephos convert us_vt_btv_2009_03_mayor.normalized.csv burlington.blt
  psephos convert aec-senate-formalpreferences-24310-TAS.csv.gz - --to rankings-csv`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := to
			if out == "" {
				switch strings.ToLower(filepath.Ext(args[1])) {
				case ".blt":
					out = "blt"
				case ".soi", ".soc", ".toc", ".toi":
					out = "preflib"
				case ".csv":
					out = "rankings-csv"
				default:
					return usageError{fmt.Errorf("cannot tell the output format from %q: give --to (%s)", args[1], strings.Join(convertFormats, ", "))}
				}
			}
			write := map[string]func(io.Writer, *ballot.Profile) error{
				"blt": blt.Write,
				"preflib": func(w io.Writer, p *ballot.Profile) error {
					return preflib.Write(w, p, filepath.Base(args[1]))
				},
				"rankings-csv": rankcsv.WriteCounted,
			}[out]
			if write == nil {
				return usageError{fmt.Errorf("--to %q: expected one of %s", out, strings.Join(convertFormats, ", "))}
			}
			p, _, err := r.read(args[0], inputFormat, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if args[1] == "-" {
				return emit(cmd.OutOrStdout(), func(w io.Writer) error { return write(w, p) })
			}
			fo, err := os.Create(args[1])
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(fo, 256<<10)
			if err := write(bw, p); err != nil {
				fo.Close()
				os.Remove(args[1])
				return err
			}
			if err := bw.Flush(); err != nil {
				fo.Close()
				return err
			}
			return fo.Close()
		},
	}
	cmd.Flags().StringVar(&inputFormat, "input-format", "", "force the ballot reader: "+strings.Join(format.BallotFormatNames(), ", ")+" (default: detected)")
	cmd.Flags().StringVar(&to, "to", "", "output format: "+strings.Join(convertFormats, ", "))
	cmd.Flags().BoolVar(&r.keepOrder, "keep-order", false, "keep the ballots' order")
	cmd.Flags().StringVar(&r.candidates, "candidates", "", "the AEC candidates file for the 2016 Senate layout")
	cmd.Flags().StringVar(&r.state, "state", "", "the state to take from --candidates (default: from the file name)")
	cmd.Flags().BoolVar(&r.progress, "progress", true, "show a progress bar on standard error for large files when it is a terminal")
	return cmd
}
