package stv

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sort"

	"github.com/psephos/psephos/ballot"
)

// An item is a run of papers with the same prepared ranking, counting at
// entry pos of it, in a parcel.
type item struct {
	rk  int32
	pos int32
	n   int64
}

// A parcel is papers a candidate received at one stage at one value:
// tv votes each; votes credited in all (papers × tv, or its whole part).
type parcel[N any] struct {
	items  []item
	papers int64
	tv     N
	votes  N
	stage  int
}

// exItem is a run of papers that exhausted, and why.
type exItem struct {
	item
	why ballot.Reason
}

// group is a set of parcels moved together at one transfer value (one
// count of a Senate exclusion).
type group[N any] struct {
	from    []int
	parcels [][]*parcel[N] // by candidate in from
	tv      N
}

// gcount is the multi-seat counting core for the Gregory methods: each
// candidate holds parcels of papers; a transfer sorts the papers moved by
// their next continuing preference and gives each receiving candidate a
// parcel. The arithmetic (N, ar) is the rule's.
type gcount[N any] struct {
	core[N]
	cont   []bool // hopeful: the ballots stop at them
	pile   [][]*parcel[N]
	papers []int64
	exhV   N
	exhP   [ballot.NumReasons]int64
	loss   N
	// pending: elected candidates whose surplus is not yet transferred,
	// in order of election.
	pending  []int
	queue    []group[N] // parcels of an exclusion still to move
	writeIns bool

	// scratch for sorting papers
	where   []int32
	at      []int32
	cnt     []int32
	dest    [][]item
	destP   []int64
	touched []int
	ex      []exItem
}

func newGCount[N any](ar arith[N], pp *ballot.Prepared, r *Rules, seats int) *gcount[N] {
	g := &gcount[N]{core: newCore(ar, pp, r, seats)}
	n := g.n
	g.cont, g.pile, g.papers = make([]bool, n), make([][]*parcel[N], n), make([]int64, n)
	g.dest, g.destP = make([][]item, n), make([]int64, n)
	g.exhV, g.loss = ar.whole(0), ar.whole(0)
	for k := range g.cont {
		g.cont[k] = g.state[k] == hopeful
	}
	g.ties = tieBreaker[N]{ar: ar, tb: r.TieBreak, names: g.names, hist: &g.hist}
	g.writeIns = r.ExcludeWriteInsFirst
	return g
}

// sortItems sorts papers by their next continuing preference from entry
// pos (next: from after it) into g.dest; exhausted ones into g.ex. It
// returns the papers that moved to a candidate. The papers going to the
// candidates share one new array, carved in two passes.
func (g *gcount[N]) sortItems(items []item, next bool) int64 {
	if cap(g.where) < len(items) {
		g.where = make([]int32, len(items))
		g.at = make([]int32, len(items))
	}
	where, ats := g.where[:len(items)], g.at[:len(items)]
	cnt := g.cnt
	if cnt == nil {
		cnt = make([]int32, g.n)
		g.cnt = cnt
	}
	var moved int64
	total := 0
	for i, it := range items {
		pos := it.pos
		if next {
			pos = g.pp.After(int(it.rk), pos)
		}
		st, cand, at, why := g.pp.Next(int(it.rk), pos, g.cont)
		ats[i] = at
		if st != ballot.Counts {
			// Inactive (count-if-single-continuing) is refused by Count.
			where[i] = -1 - int32(why)
			g.ex = append(g.ex, exItem{item{it.rk, at, it.n}, why})
			continue
		}
		where[i] = cand
		if cnt[cand] == 0 && g.destP[cand] == 0 {
			g.touched = append(g.touched, int(cand))
		}
		cnt[cand]++
		total++
		g.destP[cand] += it.n
		moved += it.n
	}
	slab := make([]item, total)
	off := 0
	for _, c := range g.touched {
		if cnt[c] == 0 {
			continue
		}
		n := int(cnt[c])
		if len(g.dest[c]) == 0 {
			g.dest[c] = slab[off : off : off+n]
		}
		off += n
		cnt[c] = 0
	}
	for i, it := range items {
		if c := where[i]; c >= 0 {
			g.dest[c] = append(g.dest[c], item{it.rk, ats[i], it.n})
		}
	}
	return moved
}

// votesOf is the votes credited for papers at value tv.
func (g *gcount[N]) votesOf(papers int64, tv N) N {
	v := g.ar.mulInt(tv, papers)
	if g.r.Surplus.Rounding == RoundParcelWhole {
		v = g.ar.floorWhole(v)
	}
	return v
}

// settle gives each touched candidate a parcel of the papers sorted to
// them at value tv, and books the exhausted papers at that value. It
// returns the votes credited and the exhausted votes.
func (g *gcount[N]) settle(tv N, stage int) (N, N) {
	in := g.ar.whole(0)
	sort.Ints(g.touched)
	for _, c := range g.touched {
		p := &parcel[N]{items: g.dest[c], papers: g.destP[c], tv: tv, stage: stage}
		p.votes = g.votesOf(p.papers, tv)
		g.pile[c] = append(g.pile[c], p)
		g.vote[c] = g.ar.add(g.vote[c], p.votes)
		g.papers[c] += p.papers
		in = g.ar.add(in, p.votes)
		g.dest[c] = nil
		g.destP[c] = 0
	}
	g.touched = g.touched[:0]
	var exP int64
	for _, e := range g.ex {
		g.exhP[e.why] += e.n
		exP += e.n
	}
	g.ex = g.ex[:0]
	out := g.votesOf(exP, tv)
	g.exhV = g.ar.add(g.exhV, out)
	return in, out
}

// first places every ballot at its first continuing preference.
func (g *gcount[N]) first() {
	pp := g.pp
	var items []item
	if order := pp.Profile.Order(); order != nil && g.r.Surplus.Weighting == WholePapers {
		// Papers in the order they were filed (Ireland: the papers moved
		// are those last filed).
		items = make([]item, 0, len(order))
		for _, run := range order {
			if s := pp.Slot(int(run.Ranking)); s >= 0 {
				items = append(items, item{int32(s), 0, run.Count})
			}
		}
	} else {
		items = make([]item, pp.Len())
		for i := range items {
			items[i] = item{int32(i), 0, pp.Weight(i)}
		}
	}
	g.sortItems(items, false)
	g.settle(g.ar.whole(1), 1)
}

// computeQuota applies the quota formula to base votes.
func (g *gcount[N]) computeQuota(base N) N {
	ar := g.ar
	s := int64(g.seats)
	switch g.r.Quota.Formula {
	case QuotaDroopExact:
		return ar.divInt(base, s+1)
	case QuotaDroopNZ:
		return ar.add(ar.divInt(base, s+1), ar.unit())
	case QuotaHare:
		return ar.divInt(base, s)
	case QuotaHareWhole:
		return ar.floorWhole(ar.divInt(base, s))
	default:
		return ar.add(ar.floorWhole(ar.divInt(base, s+1)), ar.whole(1))
	}
}

// record appends a stage with the votes as they stand.
func (g *gcount[N]) record(st Stage) *Stage {
	st.Papers = append([]int64(nil), g.papers...)
	st.Exhausted = g.ar.value(g.exhV)
	st.ExhaustedPapers = g.exhP
	st.LossByFraction = g.ar.value(g.loss)
	return g.snapshot(st)
}

// elect elects candidate k at the current stage.
func (g *gcount[N]) elect(st *Stage, k int, why string) {
	g.markElected(st, k, why)
	g.cont[k] = false
}

// electQuota elects the continuing candidates with a quota, most votes
// first, and queues their surpluses.
func (g *gcount[N]) electQuota(st *Stage) error {
	var got []int
	for _, k := range g.hopefuls() {
		if g.hasQuota(g.vote[k]) {
			got = append(got, k)
		}
	}
	ordered, err := g.byVotes(got, false, st, "order of election")
	if err != nil {
		return err
	}
	for _, k := range ordered {
		if g.nElected == g.seats {
			break
		}
		g.elect(st, k, "quota")
		g.pending = append(g.pending, k)
	}
	return nil
}

// byVotes orders candidates by votes (ascending when low, else
// descending), breaking ties by the rules and recording them in st.
func (g *gcount[N]) byVotes(ks []int, low bool, st *Stage, what string) ([]int, error) {
	ks = append([]int(nil), ks...)
	sort.SliceStable(ks, func(i, j int) bool {
		c := g.ar.cmp(g.vote[ks[i]], g.vote[ks[j]])
		if low {
			return c < 0
		}
		return c > 0
	})
	for i := 0; i+1 < len(ks); i++ {
		j := i + 1
		for j < len(ks) && g.ar.cmp(g.vote[ks[j]], g.vote[ks[i]]) == 0 {
			j++
		}
		if j-i > 1 {
			// Decide the tied run one place at a time.
			rest := append([]int(nil), ks[i:j]...)
			for p := i; p < j-1; p++ {
				k, tie, err := g.ties.decide(rest, low, st.Number, what)
				if err != nil {
					return nil, err
				}
				st.Ties = append(st.Ties, *tie)
				ks[p] = k
				rest = remove(rest, k)
			}
			ks[j-1] = rest[0]
		}
	}
	return ks, nil
}

func remove(s []int, k int) []int {
	out := make([]int, 0, len(s))
	for _, v := range s {
		if v != k {
			out = append(out, v)
		}
	}
	return out
}

// finish elects the remaining continuing candidates when they are no more
// than the vacancies, and applies the rule's last-vacancy end. It reports
// whether the count is over.
func (g *gcount[N]) finish(st *Stage) (bool, error) {
	if g.nElected >= g.seats {
		return true, nil
	}
	left := g.seats - g.nElected
	hs := g.hopefuls()
	if len(hs) <= left {
		ordered, err := g.byVotes(hs, false, st, "order of election")
		if err != nil {
			return false, err
		}
		for _, k := range ordered {
			g.elect(st, k, "remaining")
		}
		return true, nil
	}
	if left != 1 {
		return false, nil
	}
	switch g.r.LastVacancy {
	case LastVacancyHigherOfTwo:
		if len(hs) == 2 && len(g.pending) == 0 && len(g.queue) == 0 {
			a, b := hs[0], hs[1]
			var w int
			switch c := g.ar.cmp(g.vote[a], g.vote[b]); {
			case c > 0:
				w = a
			case c < 0:
				w = b
			default:
				k, tie, err := g.ties.decide(hs, false, st.Number, "election")
				if err != nil {
					return false, err
				}
				st.Ties = append(st.Ties, *tie)
				w = k
			}
			g.elect(st, w, "higher of the last two")
			return true, nil
		}
	case LastVacancyUnbeatable:
		others := g.pendingSurplus()
		top := hs[0]
		for _, k := range hs {
			others = g.ar.add(others, g.vote[k])
			if g.ar.cmp(g.vote[k], g.vote[top]) > 0 {
				top = k
			}
		}
		others = g.ar.sub(others, g.vote[top])
		if g.ar.cmp(g.vote[top], others) > 0 {
			g.elect(st, top, "unbeatable")
			return true, nil
		}
	}
	return false, nil
}

// pendingSurplus is the total of the surpluses not yet transferred.
func (g *gcount[N]) pendingSurplus() N {
	t := g.ar.whole(0)
	for _, k := range g.pending {
		if s := g.ar.sub(g.vote[k], g.quota); g.ar.sign(s) > 0 {
			t = g.ar.add(t, s)
		}
	}
	return t
}

// nextSurplus picks the surplus to transfer now, or -1 (none, or all
// deferred: then deferred lists them).
func (g *gcount[N]) nextSurplus(st *Stage) (int, []int, error) {
	// Drop zero surpluses unless the rule makes a stage of them.
	var live []int
	for _, k := range g.pending {
		if g.ar.sign(g.ar.sub(g.vote[k], g.quota)) > 0 || g.r.Surplus.ZeroStage {
			live = append(live, k)
		}
	}
	g.pending = live
	if len(live) == 0 {
		return -1, nil, nil
	}
	if g.r.Surplus.Defer == DeferIfNoEffect {
		total := g.pendingSurplus()
		hs := g.hopefuls()
		if len(hs) >= 2 {
			v := make([]N, len(hs))
			for i, k := range hs {
				v[i] = g.vote[k]
			}
			sort.Slice(v, func(i, j int) bool { return g.ar.cmp(v[i], v[j]) < 0 })
			gap := g.ar.sub(v[1], v[0])
			reach := g.ar.add(v[len(v)-1], total)
			if g.ar.cmp(total, gap) < 0 && !g.hasQuota(reach) {
				return -1, append([]int(nil), live...), nil
			}
		}
	}
	if g.r.Surplus.Order == ElectionOrder {
		return live[0], nil, nil
	}
	// The largest surplus first: with one quota for all, the most votes.
	top := []int{live[0]}
	for _, k := range live[1:] {
		switch c := g.ar.cmp(g.vote[k], g.vote[top[0]]); {
		case c > 0:
			top = []int{k}
		case c == 0:
			top = append(top, k)
		}
	}
	if len(top) == 1 {
		return top[0], nil, nil
	}
	k, tie, err := g.ties.decide(top, false, len(g.stages)+1, "surplus")
	if err != nil {
		return -1, nil, err
	}
	st.Ties = append(st.Ties, *tie)
	return k, nil, nil
}

// transferSurplus transfers candidate c's surplus.
func (g *gcount[N]) transferSurplus(c int, st *Stage) {
	ar, r := g.ar, g.r
	stage := len(g.stages) + 1
	g.pending = remove(g.pending, c)
	surplus := ar.sub(g.vote[c], g.quota)
	st.Kind, st.From, st.Transferred = SurplusStage, []int{c}, ar.value(surplus)
	ps := g.pile[c]
	if r.Surplus.Papers == LastParcel && len(ps) > 0 {
		last := ps[len(ps)-1].stage
		i := len(ps)
		for i > 0 && ps[i-1].stage == last {
			i--
		}
		ps = ps[i:]
	}
	examined := ar.whole(0)
	var papers int64
	for _, p := range ps {
		examined = ar.add(examined, p.votes)
		papers += p.papers
	}
	in, out := ar.whole(0), ar.whole(0)
	add := func(i, o N) { in, out = ar.add(in, i), ar.add(out, o) }
	switch r.Surplus.Weighting {
	case WholePapers:
		in, out = g.wholePapers(ps, surplus, stage, st)
	case Unweighted:
		var all []item
		for _, p := range ps {
			all = append(all, p.items...)
		}
		moved := g.sortItems(all, true)
		den := papers
		if r.Surplus.TransferableOnly {
			den = moved
		}
		var tv N
		if den > 0 {
			tv = ar.mulDiv(surplus, ar.whole(1), ar.whole(den))
		} else {
			tv = ar.whole(0)
		}
		if r.Surplus.TransferableOnly && ar.cmp(tv, ar.whole(1)) > 0 {
			tv = ar.whole(1)
		}
		st.TransferValues = []Value{ar.value(tv)}
		add(g.settle(tv, stage))
	default: // Weighted
		// Sort every parcel first: with TransferableOnly the transferable
		// value is the denominator.
		type sorted struct {
			p    *parcel[N]
			dest [][]item
			ex   []exItem
		}
		den := examined
		if r.Surplus.TransferableOnly {
			den = ar.whole(0)
		}
		all := make([]sorted, 0, len(ps))
		for _, p := range ps {
			moved := g.sortItems(p.items, true)
			if r.Surplus.TransferableOnly {
				den = ar.add(den, ar.mulInt(p.tv, moved))
			}
			all = append(all, sorted{p: p, dest: g.takeDest(), ex: append([]exItem(nil), g.ex...)})
			g.ex = g.ex[:0]
		}
		whole := r.Surplus.TransferableOnly && ar.cmp(den, surplus) <= 0
		var frac N
		if ar.sign(den) > 0 && r.Surplus.Rounding == RoundFractionFirst {
			frac = ar.mulDiv(surplus, ar.whole(1), den)
		}
		seen := map[string]bool{}
		for _, s := range all {
			var tv N
			switch {
			case whole:
				tv = s.p.tv
			case ar.sign(den) == 0:
				tv = ar.whole(0)
			case r.Surplus.Rounding == RoundFractionFirst:
				tv = ar.mul(s.p.tv, frac)
			default:
				tv = ar.mulDiv(surplus, s.p.tv, den)
			}
			if key := ar.value(tv).String(); !seen[key] {
				seen[key] = true
				st.TransferValues = append(st.TransferValues, ar.value(tv))
			}
			g.putDest(s.dest)
			g.ex = append(g.ex, s.ex...)
			add(g.settle(tv, stage))
		}
		sortValuesDesc(st.TransferValues)
	}
	// The elected candidate keeps the quota; what the rounding lost is
	// the loss by fraction.
	g.loss = ar.add(g.loss, ar.sub(ar.sub(surplus, in), out))
	g.vote[c] = g.quota
	g.pile[c] = nil
	g.papers[c] = 0
}

// takeDest moves the sorted papers out of the scratch into a list indexed
// by candidate.
func (g *gcount[N]) takeDest() [][]item {
	d := make([][]item, g.n)
	for _, c := range g.touched {
		d[c] = g.dest[c]
		g.dest[c] = nil
		g.destP[c] = 0
	}
	g.touched = g.touched[:0]
	return d
}

// putDest puts sorted papers back into the scratch.
func (g *gcount[N]) putDest(d [][]item) {
	for c, items := range d {
		if len(items) == 0 {
			continue
		}
		g.touched = append(g.touched, c)
		g.dest[c] = items
		var n int64
		for _, it := range items {
			n += it.n
		}
		g.destP[c] = n
	}
}

func sortValuesDesc(v []Value) {
	sort.SliceStable(v, func(i, j int) bool { return v[i].Cmp(v[j]) > 0 })
}

// wholePapers transfers a surplus by moving whole papers (Ireland
// s.121): the papers examined are sorted into sub-parcels by next
// preference; if the transferable papers are no more than the surplus all
// move, else each sub-parcel gives surplus × its papers / transferable
// papers, fractions ignored, the papers left going to the largest
// remainders; the papers moved are the last filed in each sub-parcel.
func (g *gcount[N]) wholePapers(ps []*parcel[N], surplus N, stage int, st *Stage) (N, N) {
	ar := g.ar
	var all []item
	for _, p := range ps {
		all = append(all, p.items...)
	}
	moved := g.sortItems(all, true)
	st.TransferValues = []Value{ar.value(ar.whole(1))}
	// Surplus in whole votes (every paper is worth one).
	s := wholeOf(ar, surplus)
	if moved <= s {
		// Every transferable paper moves; the rest of the surplus is
		// non-transferable.
		g.ex = keepLast(g.ex, s-moved)
		return g.settle(ar.whole(1), stage)
	}
	g.ex = g.ex[:0]
	type share struct {
		c    int
		n, k int64
		rem  int64
	}
	var sh []share
	var given int64
	for _, c := range g.touched {
		n := g.destP[c]
		k := mulDivInt(s, n, moved)
		rem := s*n - k*moved // exact: s*n fits (papers)
		sh = append(sh, share{c: c, n: n, k: k, rem: rem})
		given += k
	}
	// Remainders: the largest first; equal remainders: the larger
	// sub-parcel; then the candidate with more votes at the first stage;
	// then ballot-paper order (s.121(5)).
	sort.SliceStable(sh, func(i, j int) bool {
		if sh[i].rem != sh[j].rem {
			return sh[i].rem > sh[j].rem
		}
		if sh[i].n != sh[j].n {
			return sh[i].n > sh[j].n
		}
		if c := ar.cmp(g.hist[0][sh[i].c], g.hist[0][sh[j].c]); c != 0 {
			return c > 0
		}
		return sh[i].c < sh[j].c
	})
	for i := 0; given < s && i < len(sh); i++ {
		sh[i].k++
		given++
	}
	for _, x := range sh {
		g.dest[x.c] = lastPapers(g.dest[x.c], x.k)
		g.destP[x.c] = x.k
	}
	in, _ := g.settle(ar.whole(1), stage)
	return in, ar.whole(0)
}

// wholeOf is the whole number of votes in v (v is whole).
func wholeOf[N any](ar arith[N], v N) int64 {
	// Values here are whole votes (papers are worth one each).
	x := ar.value(ar.floorWhole(v))
	return x.Rat().Num().Int64()
}

func mulDivInt(a, b, c int64) int64 { return muldiv(a, b, c, false) }

// lastPapers keeps the last k papers of a sub-parcel, in order.
func lastPapers(items []item, k int64) []item {
	return keepLastRuns(items, k, func(it *item) *int64 { return &it.n })
}

// keepLast keeps exhausted papers worth up to k papers, the last filed.
func keepLast(ex []exItem, k int64) []exItem {
	return keepLastRuns(ex, k, func(e *exItem) *int64 { return &e.n })
}

// keepLastRuns keeps the last k papers of runs of papers (n gives a run's
// count), cutting the first run kept short if need be.
func keepLastRuns[T any](runs []T, k int64, n func(*T) *int64) []T {
	i := len(runs)
	for i > 0 && k > 0 {
		i--
		if c := *n(&runs[i]); c > k {
			r := runs[i]
			*n(&r) = k
			return append([]T{r}, runs[i+1:]...)
		}
		k -= *n(&runs[i])
	}
	return runs[i:]
}

// exclusionGroups sorts the parcels of the excluded candidates into the
// groups that move at one count: all at once, or one per transfer value,
// highest first.
func (g *gcount[N]) exclusionGroups(cs []int) []group[N] {
	if g.r.ExclusionTransfer != ExcludeByTransferValue {
		gr := group[N]{from: cs, parcels: make([][]*parcel[N], len(cs))}
		for i, c := range cs {
			gr.parcels[i] = g.pile[c]
		}
		return []group[N]{gr}
	}
	var tvs []N
	for _, c := range cs {
		for _, p := range g.pile[c] {
			dup := false
			for _, t := range tvs {
				if g.ar.cmp(t, p.tv) == 0 {
					dup = true
					break
				}
			}
			if !dup {
				tvs = append(tvs, p.tv)
			}
		}
	}
	sort.SliceStable(tvs, func(i, j int) bool { return g.ar.cmp(tvs[i], tvs[j]) > 0 })
	var out []group[N]
	for _, tv := range tvs {
		gr := group[N]{from: cs, parcels: make([][]*parcel[N], len(cs)), tv: tv}
		for i, c := range cs {
			for _, p := range g.pile[c] {
				if g.ar.cmp(p.tv, tv) == 0 {
					gr.parcels[i] = append(gr.parcels[i], p)
				}
			}
		}
		out = append(out, gr)
	}
	if len(out) == 0 {
		// No papers at all: one empty count excludes them.
		out = []group[N]{{from: cs, parcels: make([][]*parcel[N], len(cs)), tv: g.ar.whole(0)}}
	}
	return out
}

// moveGroup moves one group of an exclusion.
func (g *gcount[N]) moveGroup(gr group[N], st *Stage) {
	ar := g.ar
	stage := len(g.stages) + 1
	st.Kind, st.From = ExclusionStage, gr.from
	taken, in, out := ar.whole(0), ar.whole(0), ar.whole(0)
	byValue := g.r.ExclusionTransfer == ExcludeByTransferValue
	if byValue {
		var items []item
		for i, c := range gr.from {
			for _, p := range gr.parcels[i] {
				items = append(items, p.items...)
				taken = ar.add(taken, p.votes)
				g.vote[c] = ar.sub(g.vote[c], p.votes)
				g.papers[c] -= p.papers
			}
			g.pile[c] = dropParcels(g.pile[c], gr.parcels[i])
		}
		g.sortItems(items, true)
		i, o := g.settle(gr.tv, stage)
		in, out = i, o
		st.TransferValues = []Value{ar.value(gr.tv)}
	} else {
		for i, c := range gr.from {
			for _, p := range gr.parcels[i] {
				taken = ar.add(taken, p.votes)
				g.sortItems(p.items, true)
				x, o := g.settle(p.tv, stage)
				in, out = ar.add(in, x), ar.add(out, o)
				if v := ar.value(p.tv); !slices.ContainsFunc(st.TransferValues, func(w Value) bool { return w.Cmp(v) == 0 }) {
					st.TransferValues = append(st.TransferValues, v)
				}
			}
			g.pile[c] = nil
			g.vote[c] = ar.whole(0)
			g.papers[c] = 0
		}
		sortValuesDesc(st.TransferValues)
	}
	st.Transferred = ar.value(taken)
	g.loss = ar.add(g.loss, ar.sub(ar.sub(taken, in), out))
}

func dropParcels[N any](pile, gone []*parcel[N]) []*parcel[N] {
	if len(gone) == 0 {
		return pile
	}
	out := pile[:0:0]
	for _, p := range pile {
		keep := true
		for _, q := range gone {
			if p == q {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, p)
		}
	}
	return out
}

// chooseExclusion picks the candidates to exclude now.
func (g *gcount[N]) chooseExclusion(st *Stage) ([]int, error) {
	hs := g.hopefuls()
	if g.writeIns {
		g.writeIns = false
		var w []int
		for _, k := range g.pp.Profile.WriteIns {
			if g.state[k] == hopeful {
				w = append(w, k)
			}
		}
		if len(w) > 0 && len(hs)-len(w) >= g.seats-g.nElected {
			st.ExclusionReason = "write-ins"
			return w, nil
		}
	}
	if g.r.Exclusion == ExcludeBatch {
		if b := g.batch(hs); len(b) > 1 {
			st.ExclusionReason = "bulk"
			return b, nil
		}
	}
	st.ExclusionReason = "lowest"
	low, err := g.lowest(st, len(g.stages)+1)
	if err != nil {
		return nil, err
	}
	return []int{low}, nil
}

// batch is the largest set of lowest continuing candidates whose votes
// together, with the surpluses not transferred, are fewer than the next
// candidate's, leaving enough continuing candidates for the vacancies
// (Senate s.273(13A); Ireland s.122(4)); nil when none.
func (g *gcount[N]) batch(hs []int) []int {
	s := append([]int(nil), hs...)
	sort.SliceStable(s, func(i, j int) bool { return g.ar.cmp(g.vote[s[i]], g.vote[s[j]]) < 0 })
	maxOut := len(s) - (g.seats - g.nElected)
	sum := g.pendingSurplus()
	best := 0
	for k := 0; k+1 < len(s) && k < maxOut; k++ {
		sum = g.ar.add(sum, g.vote[s[k]])
		if g.ar.cmp(sum, g.vote[s[k+1]]) < 0 {
			best = k + 1
		}
	}
	if best < 2 {
		return nil
	}
	return s[:best]
}

// run counts the election.
func (g *gcount[N]) run() error {
	g.first()
	base := g.ar.whole(g.pp.Ballots)
	switch g.r.Quota.Base {
	case QuotaFirstStageVotes, QuotaContinuing:
		base = g.counting()
	}
	g.quota = g.computeQuota(base)
	st := g.record(Stage{Kind: FirstStage})
	if err := g.after(st); err != nil {
		return err
	}
	for {
		if over, err := g.finish(&g.stages[len(g.stages)-1]); err != nil || over {
			return err
		}
		var st Stage
		switch {
		case len(g.queue) > 0:
			gr := g.queue[0]
			g.queue = g.queue[1:]
			g.moveGroup(gr, &st)
		default:
			k, deferred, err := g.nextSurplus(&st)
			if err != nil {
				return err
			}
			st.Deferred = deferred
			if k >= 0 {
				g.transferSurplus(k, &st)
				break
			}
			hs := g.hopefuls()
			if len(hs) == 0 {
				return errors.New("no continuing candidate left and vacancies unfilled")
			}
			out, err := g.chooseExclusion(&st)
			if err != nil {
				return err
			}
			for _, k := range out {
				g.state[k] = excluded
				g.cont[k] = false
			}
			st.Excluded = out
			groups := g.exclusionGroups(out)
			g.queue = groups[1:]
			g.moveGroup(groups[0], &st)
		}
		if g.r.Quota.Base == QuotaContinuing {
			g.quota = g.computeQuota(g.counting())
		}
		if err := g.after(g.record(st)); err != nil {
			return err
		}
	}
}

// after elects the candidates who reached the quota at the stage.
func (g *gcount[N]) after(st *Stage) error {
	return g.electQuota(st)
}

// countGregory runs a Gregory count in the rule's arithmetic.
func countGregory(pp *ballot.Prepared, r *Rules, seats int) (res []Stage, elected []int, quota Value, err error) {
	defer func() {
		if e := recover(); e != nil {
			if o, ok := e.(overflowError); ok {
				err = o
				return
			}
			panic(e)
		}
	}()
	run := func(stages []Stage, state func() []int, q Value, e error) ([]Stage, []int, Value, error) {
		return stages, state(), q, e
	}
	if r.Arithmetic.Kind == Exact {
		g := newGCount[*big.Rat](ratArith{}, pp, r, seats)
		e := g.run()
		return run(g.stages, g.electedOrder, g.stages[0].Quota, e)
	}
	if r.Arithmetic.Decimals < 0 || r.Arithmetic.Decimals > 9 {
		return nil, nil, Value{}, fmt.Errorf("fixed-point arithmetic with %d decimals: expected 0 to 9 (or exact arithmetic)", r.Arithmetic.Decimals)
	}
	g := newGCount[int64](newFixed(r.Arithmetic.Decimals), pp, r, seats)
	e := g.run()
	var q Value
	if len(g.stages) > 0 {
		q = g.stages[0].Quota
	}
	return run(g.stages, g.electedOrder, q, e)
}
