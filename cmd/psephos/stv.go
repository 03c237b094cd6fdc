package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/report"
	"github.com/psephos/psephos/stv"
)

// stvFlags override a multi-seat rule's options.
type stvFlags struct {
	method, quota, criterion, base, arithmetic   string
	papers, weighting, rounding, order, deferral string
	exclusionTransfer, lastVacancy               string
	transferableOnly, zeroStage                  bool
	omega, thresholdPercent                      int
}

func (s *stvFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&s.method, "stv-method", "", "override: the counting method: instant-runoff, gregory, meek, warren or bottoms-up (--method is for pairwise methods)")
	fl.StringVar(&s.quota, "quota", "", "override, STV: droop, droop-exact, droop-nz, hare or hare-whole")
	fl.StringVar(&s.criterion, "quota-criterion", "", "override, STV: reach (votes ≥ quota) or exceed (votes > quota)")
	fl.StringVar(&s.base, "quota-base", "", "override, STV: valid-ballots, first-stage-votes or continuing (recomputed each stage)")
	fl.StringVar(&s.arithmetic, "arithmetic", "", "override, STV: exact, or fixed-N (N decimal places, 0 to 9)")
	fl.StringVar(&s.papers, "surplus-papers", "", "override, STV: all or last-parcel")
	fl.StringVar(&s.weighting, "surplus-weighting", "", "override, STV: weighted, unweighted or whole-papers")
	fl.StringVar(&s.rounding, "surplus-rounding", "", "override, STV: per-paper, fraction-first or parcel-whole")
	fl.BoolVar(&s.transferableOnly, "transferable-only", false, "override, STV: divide a surplus among the transferable papers only")
	fl.StringVar(&s.order, "surplus-order", "", "override, STV: largest-first or election-order")
	fl.StringVar(&s.deferral, "defer-surplus", "", "override, STV: never or if-no-effect")
	fl.BoolVar(&s.zeroStage, "zero-surplus-stage", false, "override, STV: make a stage of a surplus of zero (as RCTab reports)")
	fl.StringVar(&s.exclusionTransfer, "exclusion-transfer", "", "override, STV: one-stage or by-transfer-value")
	fl.StringVar(&s.lastVacancy, "last-vacancy", "", "override, STV: none, higher-of-two or unbeatable")
	fl.IntVar(&s.omega, "omega", 0, "override, Meek and Warren: iterate until the surplus is at most 10^-N")
	fl.IntVar(&s.thresholdPercent, "threshold-percent", 0, "override, bottoms-up: the share of active ballots to stay in, in percent")
}

// steps are the overrides, in the form rankedFlags.rules applies.
func (s *stvFlags) steps(rl *stv.Rules) []struct {
	flag string
	f    func() error
} {
	return []struct {
		flag string
		f    func() error
	}{
		{"stv-method", func() (err error) { rl.Method, err = stv.ParseMethod(s.method); return }},
		{"quota", func() (err error) { rl.Quota.Formula, err = stv.ParseQuotaFormula(s.quota); return }},
		{"quota-criterion", func() (err error) { rl.Quota.Criterion, err = stv.ParseQuotaCriterion(s.criterion); return }},
		{"quota-base", func() (err error) { rl.Quota.Base, err = stv.ParseQuotaBase(s.base); return }},
		{"arithmetic", func() (err error) { rl.Arithmetic, err = stv.ParseArithmetic(s.arithmetic); return }},
		{"surplus-papers", func() (err error) { rl.Surplus.Papers, err = stv.ParseSurplusPapers(s.papers); return }},
		{"surplus-weighting", func() (err error) { rl.Surplus.Weighting, err = stv.ParseWeighting(s.weighting); return }},
		{"surplus-rounding", func() (err error) { rl.Surplus.Rounding, err = stv.ParseRounding(s.rounding); return }},
		{"transferable-only", func() error { rl.Surplus.TransferableOnly = s.transferableOnly; return nil }},
		{"surplus-order", func() (err error) { rl.Surplus.Order, err = stv.ParseSurplusOrder(s.order); return }},
		{"defer-surplus", func() (err error) { rl.Surplus.Defer, err = stv.ParseDeferral(s.deferral); return }},
		{"zero-surplus-stage", func() error { rl.Surplus.ZeroStage = s.zeroStage; return nil }},
		{"exclusion-transfer", func() (err error) {
			rl.ExclusionTransfer, err = stv.ParseExclusionTransfer(s.exclusionTransfer)
			return
		}},
		{"last-vacancy", func() (err error) { rl.LastVacancy, err = stv.ParseLastVacancy(s.lastVacancy); return }},
		{"omega", func() error {
			if s.omega < 1 || s.omega > 18 {
				return fmt.Errorf("expected 1 to 18, found %d", s.omega)
			}
			rl.Meek.Omega = s.omega
			return nil
		}},
		{"threshold-percent", func() error {
			if s.thresholdPercent < 1 || s.thresholdPercent > 100 {
				return fmt.Errorf("expected 1 to 100, found %d", s.thresholdPercent)
			}
			rl.ThresholdPercent = s.thresholdPercent
			return nil
		}},
	}
}

// isBatch says whether count was given several ballot files or a folder.
func isBatch(args []string) bool {
	if len(args) > 1 {
		return true
	}
	st, err := os.Stat(args[0])
	return err == nil && st.IsDir()
}

// ballotFiles lists the files named, folders walked for files in a ballot
// format (by extension: .blt, .csv, .txt, .gz, .xlsx, .soc/.soi/.toc/.toi),
// sorted so the output is the same on every run.
func ballotFiles(args []string) ([]string, error) {
	var out []string
	exts := map[string]bool{".blt": true, ".csv": true, ".txt": true, ".gz": true, ".xlsx": true, ".soc": true, ".soi": true, ".toc": true, ".toi": true}
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if !isBallotFile(a) {
				return nil, usageError{fmt.Errorf("%s: not a ranked-ballot file; only ranked-ballot files (or folders of them) are counted several at a time", a)}
			}
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && exts[strings.ToLower(filepath.Ext(p))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// isBallotFile says whether a file's start is a ranked-ballot format.
func isBallotFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return format.IsBallots(head[:n])
}

// batchRow is one file's count in a batch.
type batchRow struct {
	File    string   `json:"file"`
	Title   string   `json:"title"`
	Seats   int      `json:"seats"`
	Ballots string   `json:"ballots"`
	Quota   string   `json:"quota"`
	Stages  int      `json:"stages"`
	Elected []string `json:"elected"`
	Error   string   `json:"error,omitempty"`
}

// countBatch reads and counts many ballot files in parallel, one worker a
// processor, and writes one row per file in the order of the files; a
// file that cannot be read or counted is reported on standard error with
// its file:line and the command ends with an error after the others.
func countBatch(cmd *cobra.Command, f *inputFlags, r *rankedFlags, args []string) error {
	if err := f.check(); err != nil {
		return err
	}
	rl, err := r.rules(cmd, f.seed)
	if err != nil {
		return err
	}
	files, err := ballotFiles(args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{fmt.Errorf("no ranked-ballot files in %s", strings.Join(args, ", "))}
	}
	// Many short-lived profiles: collect garbage less often (measured in
	// BENCHMARKS.md: scot-elex 0.22 s and 31 MB at 400, 0.20 s and 50 MB
	// at 800), unless GOGC says otherwise.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(800))
	}
	var total int64
	for _, name := range files {
		if st, err := os.Stat(name); err == nil {
			if total += st.Size(); largeInput("", total) {
				preferHugePages()
				break
			}
		}
	}
	rows := make([]batchRow, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rows[i] = countOne(files[i], f.inputFormat, r, rl, cmd.Flags().Changed("seats"))
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var failed int
	for _, row := range rows {
		if row.Error != "" {
			failed++
			fmt.Fprintln(cmd.ErrOrStderr(), "psephos: "+row.Error)
		}
	}
	werr := emit(cmd.OutOrStdout(), func(w io.Writer) error { return writeBatch(w, rows, f.output) })
	if werr != nil {
		return werr
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be counted", failed, len(files))
	}
	return nil
}

func countOne(path, inputFormat string, r *rankedFlags, rl stv.Rules, seatsGiven bool) batchRow {
	row := batchRow{File: path, Elected: []string{}}
	opt := format.BallotOptions{Format: inputFormat, KeepOrder: r.keepOrder, Candidates: r.candidates, State: r.state}
	p, _, err := format.ReadBallotsFile(path, opt)
	if err != nil {
		row.Error = err.Error()
		return row
	}
	row.Title = p.Title
	if rl.Method == stv.InstantRunoff && !seatsGiven && p.Seats > 1 && rl.Filling == stv.SingleSeat {
		row.Error = fmt.Sprintf("%s asks for %d seats; instant-runoff fills one (choose a multi-seat --rule, or --seats 1)", path, p.Seats)
		return row
	}
	res, err := stv.Count(p, rl)
	if err != nil {
		row.Error = path + ": " + err.Error()
		return row
	}
	row.Ballots = strconv.FormatInt(p.Ballots(), 10)
	row.Seats = max(res.SeatsFilled, len(res.Seats))
	if len(res.Stages) > 0 {
		row.Quota = res.Quota.String()
		row.Stages = len(res.Stages)
	} else {
		for _, s := range res.Seats {
			row.Stages += len(s.Rounds)
		}
	}
	for _, k := range res.Elected {
		row.Elected = append(row.Elected, p.Candidates[k])
	}
	return row
}

func writeBatch(w io.Writer, rows []batchRow, output string) error {
	ok := rows[:0:0]
	for _, r := range rows {
		if r.Error == "" {
			ok = append(ok, r)
		}
	}
	switch output {
	case report.JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ok)
	case report.CSV, report.Table, report.Markdown:
		sep := ","
		if output != report.CSV {
			sep = "\t"
		}
		fmt.Fprintln(w, strings.Join([]string{"file", "title", "seats", "ballots", "quota", "stages", "elected"}, sep))
		for _, r := range ok {
			cells := []string{r.File, r.Title, strconv.Itoa(r.Seats), r.Ballots, r.Quota, strconv.Itoa(r.Stages), strings.Join(r.Elected, "; ")}
			if output == report.CSV {
				for i, c := range cells {
					if strings.ContainsAny(c, ",\"\n") {
						cells[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
					}
				}
			}
			fmt.Fprintln(w, strings.Join(cells, sep))
		}
		return nil
	}
	return report.CheckFormat(output)
}
