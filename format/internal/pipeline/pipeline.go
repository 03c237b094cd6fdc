// Package pipeline parses the ballot lines of a ranked-ballot file into a
// profile, in parallel for large files, with the same result as reading
// line by line. The BLT and AEC readers use it.
//
// Lines are parsed in order, straight into the profile, until
// ParallelAfter bytes (or the reader's own Options.ParallelAfter); then
// (unless the ballots' order must be kept) batches of lines go to
// workers, one per processor (at most 4), which parse them and sum each
// batch's repeated rankings, and a merger adds the batches' rankings to
// the profile batch by batch in the order of the file: the result is the
// same, ranking for ranking and byte for byte, as reading line by line,
// and a bad line is reported at its file:line (the first bad line of the
// file).
package pipeline

import (
	"runtime"
	"slices"
	"sync"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
)

// BatchSize is the number of bytes of lines handed to a worker at once.
const BatchSize = 64 << 10

// ParallelAfter is the bytes of lines parsed line by line before the
// workers start, unless Options say otherwise: a small file is read faster
// without them (they cost memory, and on a virtual machine every new page
// costs a fault).
const ParallelAfter = 1 << 20

// A Parser turns one line into a ranking and a weight (a number of
// ballots; a weight of 0 adds nothing). Each worker has its own, so a
// parser may keep buffers and counts.
type Parser interface {
	Parse(line []byte, marks []ballot.Mark) ([]ballot.Mark, int64, error)
}

// Options configure a Pipeline.
type Options struct {
	// File names the input in errors.
	File string
	// NewParser makes a parser for the sequential part and each worker.
	NewParser func() Parser
	// ParallelAfter, when > 0, replaces the package's ParallelAfter: a
	// format whose lines are cheap to parse gains from the workers only
	// on a large file.
	ParallelAfter int64
	// KeepOrder keeps the ballots' order: never parallel.
	KeepOrder bool
}

// A Pipeline parses lines into a profile.
type Pipeline struct {
	p   *ballot.Profile
	opt Options

	seq    bool
	parsed int64
	marks  []ballot.Mark
	parser Parser

	parsers []Parser
	work    chan *batch // to the workers
	order   chan *batch // to the merger, in the order of the file
	free    chan *batch // batches handed back by the merger, for reuse
	made    int         // batches allocated: at most cap(free)
	cur     *batch
	wg      sync.WaitGroup // workers
	merged  chan *election.Error
	stopped bool
}

type batch struct {
	data  []byte  // lines, one after another
	stop  []int32 // where each line ends in data
	lines []int32 // their line numbers
	// parsed: the batch's distinct rankings one after another, where each
	// ends, and their weights (summed over the batch's lines)
	marks  []ballot.Mark
	ends   []int32
	weight []int64
	err    *election.Error
	done   chan struct{}
}

// New returns a pipeline adding to p.
func New(p *ballot.Profile, opt Options) *Pipeline {
	return &Pipeline{p: p, opt: opt, seq: true, parser: opt.NewParser()}
}

// Parsers returns every parser used (the sequential one first), for
// counts they keep. Call it after Finish.
func (a *Pipeline) Parsers() []Parser { return append([]Parser{a.parser}, a.parsers...) }

func (a *Pipeline) start() {
	a.seq = false
	n := min(runtime.GOMAXPROCS(0), 4)
	// Batches in flight: one being filled, one per worker, one being
	// merged, and one queued. Few, because every new page costs: on a
	// virtual machine a page fault is dearer than parsing the page.
	total := 2*n + 2
	a.work = make(chan *batch, total)
	a.order = make(chan *batch, total)
	a.free = make(chan *batch, total)
	a.merged = make(chan *election.Error, 1)
	for i := 0; i < n; i++ {
		ps := a.opt.NewParser()
		a.parsers = append(a.parsers, ps)
		a.wg.Add(1)
		go a.run(ps)
	}
	go a.merge()
	a.cur = a.newBatch()
}

func (a *Pipeline) newBatch() *batch {
	return &batch{data: make([]byte, 0, BatchSize+256), done: make(chan struct{}, 1)}
}

// Line adds one line found at line number at.
func (a *Pipeline) Line(t []byte, at int) error {
	if a.seq {
		var w int64
		var err error
		a.marks, w, err = a.parser.Parse(t, a.marks[:0])
		if err != nil {
			return &election.Error{Pos: election.Pos{File: a.opt.File, Line: at}, Msg: err.Error()}
		}
		if w > 0 {
			a.p.Add(a.marks, w)
		}
		after := a.opt.ParallelAfter
		if after <= 0 {
			after = ParallelAfter
		}
		if a.parsed += int64(len(t)); a.parsed > after && !a.opt.KeepOrder {
			a.start()
		}
		return nil
	}
	a.cur.data = append(a.cur.data, t...)
	a.cur.stop = append(a.cur.stop, int32(len(a.cur.data)))
	a.cur.lines = append(a.cur.lines, int32(at))
	// A batch is full at BatchSize bytes, or at BatchSize/8 lines (blank
	// lines add no bytes).
	if len(a.cur.data) >= BatchSize || len(a.cur.stop) >= BatchSize/8 {
		a.send()
	}
	return nil
}

func (a *Pipeline) send() {
	b := a.cur
	a.order <- b
	a.work <- b
	if a.made < cap(a.free) {
		select {
		case a.cur = <-a.free:
		default:
			a.made++
			a.cur = a.newBatch()
			return
		}
	} else {
		a.cur = <-a.free
	}
	a.cur.data, a.cur.stop, a.cur.lines = a.cur.data[:0], a.cur.stop[:0], a.cur.lines[:0]
}

// run parses batches. Within a batch, lines with the same ranking are
// summed into one (the first of them keeps its place), so the merger adds
// each ranking once per batch: the profile is the same, ranking for
// ranking, as adding the lines one by one, and a file of few distinct
// rankings costs the merger little.
func (a *Pipeline) run(ps Parser) {
	defer a.wg.Done()
	var table []int32 // open addressing on the ranking's hash: index in the batch + 1; 0 empty
	var hashes []uint64
	var marks []ballot.Mark
	for b := range a.work {
		b.marks, b.ends, b.weight, b.err = b.marks[:0], b.ends[:0], b.weight[:0], nil
		size := 64
		for size < 2*len(b.lines) {
			size *= 2
		}
		if cap(table) < size {
			table = make([]int32, size)
		}
		table = table[:size]
		clear(table)
		hashes = hashes[:0]
		mask := uint64(size - 1)
		from := int32(0)
		for k, to := range b.stop {
			line := b.data[from:to]
			from = to
			var wt int64
			var err error
			marks, wt, err = ps.Parse(line, marks[:0])
			if err != nil {
				b.err = &election.Error{Pos: election.Pos{File: a.opt.File, Line: int(b.lines[k])}, Msg: err.Error()}
				break
			}
			if wt <= 0 {
				continue
			}
			h := ballot.Hash(marks)
			slot := h & mask
			for {
				e := table[slot]
				if e == 0 {
					table[slot] = int32(len(b.weight)) + 1
					b.marks = append(b.marks, marks...)
					b.ends = append(b.ends, int32(len(b.marks)))
					b.weight = append(b.weight, wt)
					hashes = append(hashes, h)
					break
				}
				if j := e - 1; hashes[j] == h && slices.Equal(b.ranking(int(j)), marks) {
					if b.weight[j] <= ballot.MaxBallots-wt {
						b.weight[j] += wt
						break
					}
					// Past MaxBallots (a parser that does not cap its
					// weights): the line goes to the merger on its own,
					// whose profile then refuses the total.
					b.marks = append(b.marks, marks...)
					b.ends = append(b.ends, int32(len(b.marks)))
					b.weight = append(b.weight, wt)
					hashes = append(hashes, h)
					break
				}
				slot = (slot + 1) & mask
			}
		}
		b.done <- struct{}{}
	}
}

// ranking returns the batch's distinct ranking j.
func (b *batch) ranking(j int) []ballot.Mark {
	from := int32(0)
	if j > 0 {
		from = b.ends[j-1]
	}
	return b.marks[from:b.ends[j]]
}

// merge adds the parsed batches to the profile in the order of the file,
// until the first bad line.
func (a *Pipeline) merge() {
	var bad *election.Error
	for b := range a.order {
		<-b.done
		if bad == nil {
			if b.err != nil {
				bad = b.err
			}
			from := int32(0)
			for i, end := range b.ends {
				if w := b.weight[i]; w > 0 {
					a.p.Add(b.marks[from:end], w)
				}
				from = end
			}
		}
		a.free <- b
	}
	a.merged <- bad
}

// stop sends what is left and waits for the workers and the merger; it
// returns the first bad line's error, if any.
func (a *Pipeline) stop() *election.Error {
	if a.seq || a.stopped {
		return nil
	}
	a.stopped = true
	if len(a.cur.stop) > 0 {
		a.send()
	}
	close(a.work)
	close(a.order)
	a.wg.Wait()
	return <-a.merged
}

// Fail stops the workers after an error found by the caller at line at,
// and returns whichever error comes first in the file.
func (a *Pipeline) Fail(err error, at int) error {
	if e := a.stop(); e != nil && e.Pos.Line < at {
		return e
	}
	return err
}

// Finish waits for the workers and the merger.
func (a *Pipeline) Finish() error {
	if e := a.stop(); e != nil {
		return e
	}
	return nil
}
