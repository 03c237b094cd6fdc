package blt

import (
	"runtime"
	"sort"
	"sync"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
)

// batchSize is the number of bytes of ballot lines handed to a worker at
// once.
const batchSize = 64 << 10

// An adder parses ballot lines into the profile. Unless the order of the
// ballots must be kept, lines go in batches to workers (one per processor,
// at most 4), batch k to worker k mod n, each with a profile of its own and
// a table of the line texts (after the weight) it has parsed, so that a
// text repeated on many lines is parsed once;
// finish merges them in the order in which each distinct ranking first
// appears in the file, so the result is the same, ranking for ranking and
// byte for byte, as reading line by line. A bad line is reported at its
// file:line; when several lines are bad the first in the file is reported.
type adder struct {
	p     *ballot.Profile
	nc    int
	nicks map[string]int
	file  string

	// sequential
	seq    bool
	keep   bool  // the order must be kept: never parallel
	parsed int64 // bytes parsed sequentially
	marks  []ballot.Mark

	// parallel
	workers []*worker
	free    chan *batch // batches handed back by the workers, for reuse
	made    int         // batches allocated: at most cap(free)
	cur     *batch
	n       int // batches sent
	wg      sync.WaitGroup
}

type batch struct {
	seq   int
	data  []byte  // lines, each ended by '\n'
	lines []int32 // their line numbers
}

type worker struct {
	in    chan *batch
	seen  map[string]int32 // the text of a ballot line after its weight → distinct ranking of p
	p     *ballot.Profile
	first []uint64 // per distinct ranking of p: batch<<32 | line in batch of its first appearance
	err   *election.Error
}

// parallelAfter is the bytes of ballot lines parsed line by line before
// the workers start: a small file is read faster without them.
const parallelAfter = 1 << 20

func newAdder(p *ballot.Profile, nc int, nicks map[string]int, file string, keepOrder bool) *adder {
	// Lines are parsed in order, into p, until parallelAfter bytes; the
	// workers' profiles are merged after them (finish), in order of first
	// appearance, so the result is the same.
	return &adder{p: p, nc: nc, nicks: nicks, file: file, seq: true, keep: keepOrder}
}

// start starts the workers.
func (a *adder) start() {
	a.seq = false
	n := min(runtime.GOMAXPROCS(0), 4)
	a.free = make(chan *batch, 3*n+1)
	for i := 0; i < n; i++ {
		w := &worker{in: make(chan *batch, 2), seen: map[string]int32{}, p: ballot.NewProfile(make([]string, a.nc))}
		a.workers = append(a.workers, w)
		a.wg.Add(1)
		go a.run(w)
	}
	a.cur = &batch{}
}

// line adds one ballot line (trimmed) found at line number at.
func (a *adder) line(t []byte, at int) error {
	if a.seq {
		var w int64
		var err error
		a.marks, w, err = ballotLine(t, a.nc, a.nicks, a.marks[:0])
		if err != nil {
			return &election.Error{Pos: election.Pos{File: a.file, Line: at}, Msg: err.Error()}
		}
		a.p.Add(a.marks, w)
		if a.parsed += int64(len(t)); a.parsed > parallelAfter && !a.keep {
			a.start()
		}
		return nil
	}
	a.cur.data = append(append(a.cur.data, t...), '\n')
	a.cur.lines = append(a.cur.lines, int32(at))
	if len(a.cur.data) >= batchSize {
		a.send()
	}
	return nil
}

func (a *adder) send() {
	b := a.cur
	b.seq = a.n
	a.workers[a.n%len(a.workers)].in <- b
	a.n++
	if a.made < cap(a.free) {
		select {
		case a.cur = <-a.free:
		default:
			a.made++
			a.cur = &batch{data: make([]byte, 0, batchSize+256), lines: make([]int32, 0, len(b.lines))}
			return
		}
	} else {
		a.cur = <-a.free
	}
	a.cur.data, a.cur.lines = a.cur.data[:0], a.cur.lines[:0]
}

func (a *adder) run(w *worker) {
	defer a.wg.Done()
	var marks []ballot.Mark
	for b := range w.in {
		if w.err != nil {
			a.free <- b
			continue
		}
		data := b.data
		for k := 0; len(data) > 0; k++ {
			i := 0
			for data[i] != '\n' {
				i++
			}
			line := data[:i]
			// Lines with the same text after the weight are the same
			// ranking: parse each such text once.
			j, wt := 0, int64(0)
			for j < len(line) && line[j] >= '0' && line[j] <= '9' && wt < 1<<40 {
				wt = wt*10 + int64(line[j]-'0')
				j++
			}
			if k, ok := w.seen[string(line[j:])]; ok && wt > 0 && j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				w.p.AddWeight(int(k), wt)
				data = data[i+1:]
				continue
			}
			var err error
			marks, wt, err = ballotLine(line, a.nc, a.nicks, marks[:0])
			if err != nil {
				w.err = &election.Error{Pos: election.Pos{File: a.file, Line: int(b.lines[k])}, Msg: err.Error()}
				break
			}
			before := w.p.Len()
			idx := w.p.Add(marks, wt)
			if w.p.Len() > before {
				w.first = append(w.first, uint64(b.seq)<<32|uint64(k))
			}
			w.seen[string(line[j:])] = int32(idx)
			data = data[i+1:]
		}
		a.free <- b // never blocks: at most cap(free) batches exist
	}
}

// stop sends what is left and waits for the workers; it returns the first
// bad line's error, if any.
func (a *adder) stop() *election.Error {
	if a.seq || a.workers == nil {
		return nil
	}
	if len(a.cur.data) > 0 {
		a.send()
	}
	for _, w := range a.workers {
		close(w.in)
	}
	a.wg.Wait()
	var first *election.Error
	for _, w := range a.workers {
		if w.err != nil && (first == nil || w.err.Pos.Line < first.Pos.Line) {
			first = w.err
		}
	}
	return first
}

// fail stops the workers after an error found by the caller at line at,
// and returns whichever error comes first in the file.
func (a *adder) fail(err error, at int) error {
	if e := a.stop(); e != nil && e.Pos.Line < at {
		return e
	}
	a.workers = nil
	return err
}

// finish stops the workers and merges their profiles into a.p.
func (a *adder) finish() error {
	if e := a.stop(); e != nil {
		return e
	}
	if a.seq {
		return nil
	}
	type ref struct {
		first uint64
		w     *worker
		i     int
	}
	var all []ref
	for _, w := range a.workers {
		for i, f := range w.first {
			all = append(all, ref{f, w, i})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].first < all[j].first })
	for _, r := range all {
		a.p.Add(r.w.p.Ranking(r.i), r.w.p.Weight(r.i))
	}
	a.workers = nil
	return nil
}
