package swing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/psephos/psephos/election"
)

// SimOptions configure [Simulate].
//
// In each run, every party p (Others counted as one party) draws a national
// error zₚ ~ N(0, 1), the same in every area. Within an area, with t the
// party's target share and ρ = V(T)/V(A) the fraction of the area's votes
// cast in its territory (1 for a party standing everywhere), its share
// within its territory τ = t/ρ moves by zₚ·σₙ·2√(τ(1−τ)): the target
// becomes max(0, t + ρ·zₚ·σₙ·2√(τ(1−τ))), and each area's targets are then
// rescaled to sum to 1. A party at 50% moves by σₙ percentage points (one
// standard deviation), a party at 10% by 0.6σₙ, as sampling and poll
// errors scale; the SNP's error is that of a party at its Scottish share,
// not at its small GB share. The model then projects every seat from these shares, and every
// candidate line with a positive share s in every seat not held fixed
// (including contests kept at the baseline) gets an independent local error
// s + z·σₛ·2√(s(1−s)), z ~ N(0, 1). The winner of each seat in each run is
// the line with the largest share; an exact tie (probability 0 in practice)
// is counted as a tie and gives the seat to nobody in that run.
type SimOptions struct {
	// Runs is the number of simulated elections (≥ 1).
	Runs int
	// Seed selects the random streams: run i uses a PCG-DXSM generator
	// (math/rand/v2) seeded from SplitMix64 of (Seed, i), and normal
	// deviates from its NormFloat64. The same seed gives the same result on
	// the same platform and Go release, whatever Workers is.
	Seed uint64
	// NationalSD is σₙ in percentage points (the national error of a party
	// at 50%); 0 means 2.5.
	NationalSD float64
	// SeatSD is σₛ in percentage points (the local error of a candidate at
	// 50%); 0 means 4.
	SeatSD float64
	// NoNational and NoSeat turn the two errors off (for tests and to see
	// each alone).
	NoNational, NoSeat bool
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called now and then with the number of runs
	// finished (from several goroutines, never concurrently).
	Progress func(done int)
}

// A Simulation is the distribution of seats over many simulated elections.
type Simulation struct {
	Runs       int
	Seed       uint64
	NationalSD float64 // percentage points
	SeatSD     float64 // percentage points
	// Majority is the number of seats needed for an absolute majority.
	Majority int
	// Parties that won a seat in at least one run, most median seats first.
	Parties []PartyDistribution
	// Seats, one per baseline contest in order.
	Seats []SeatChances
	// Ties counts (run, seat) pairs whose lead was exactly tied.
	Ties int
}

// A PartyDistribution is one party's seats over the runs.
type PartyDistribution struct {
	Party election.Party
	// Mean seats.
	Mean float64
	// Median, Low and High are the 50th, 5th and 95th percentiles of its
	// seats by the nearest-rank rule (the smallest s with at least that
	// fraction of runs at or below s): Low–High is a 90% interval.
	Median, Low, High int
	// MajorityChance is the fraction of runs in which the party won at
	// least Simulation.Majority seats.
	MajorityChance float64
	// Histogram[s] is the number of runs in which it won s seats.
	Histogram []int
}

// SeatChances are one seat's win chances.
type SeatChances struct {
	Contest *election.Contest
	// Chances of the parties that won it in at least one run, most likely
	// first (equal chances by party ID).
	Chances []Chance
	// Ties is the number of runs in which its lead was tied.
	Ties int
}

// A Chance is a party's probability (0–1) of winning a seat.
type Chance struct {
	Party       string
	Probability float64
}

// splitmix64 is Steele, Lea and Flood's SplitMix64 finaliser ("Fast
// splittable pseudorandom number generators", OOPSLA 2014).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Simulate runs the projection opt.Runs times with national and local
// errors (see [SimOptions]).
func (p *Projector) Simulate(opt SimOptions) (*Simulation, error) {
	if opt.Runs < 1 {
		return nil, fmt.Errorf("simulation runs %d: expected at least 1", opt.Runs)
	}
	if opt.NationalSD == 0 {
		opt.NationalSD = 2.5
	}
	if opt.SeatSD == 0 {
		opt.SeatSD = 4
	}
	if opt.NationalSD < 0 || opt.SeatSD < 0 || math.IsNaN(opt.NationalSD) || math.IsNaN(opt.SeatSD) {
		return nil, fmt.Errorf("simulation errors must be ≥ 0 percentage points; found national %v, seat %v", opt.NationalSD, opt.SeatSD)
	}
	seatSD := 2 * opt.SeatSD / 100
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, opt.Runs)
	nParties := len(p.parties)
	nSeats := len(p.seats)
	type acc struct {
		hist    [][]int // party → seats → runs
		lineWin []int32
		ties    []int32
	}
	accs := make([]acc, workers)
	var done atomic.Int64
	var progressMu sync.Mutex
	var wg sync.WaitGroup
	chunk := (opt.Runs + workers - 1) / workers
	for wi := 0; wi < workers; wi++ {
		lo, hi := wi*chunk, min(opt.Runs, (wi+1)*chunk)
		a := &accs[wi]
		a.hist = make([][]int, nParties)
		for i := range a.hist {
			a.hist[i] = make([]int, nSeats+1)
		}
		a.lineWin = make([]int32, len(p.lines))
		a.ties = make([]int32, nSeats)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := p.newWork()
			central := make([][]float64, len(w.targets))
			for i := range central {
				central[i] = append([]float64(nil), w.targets[i]...)
			}
			z := make([]float64, nParties+1)
			count := make([]int, nParties)
			pcg := rand.NewPCG(0, 0)
			rng := rand.New(pcg)
			for run := lo; run < hi; run++ {
				s1 := splitmix64(opt.Seed ^ splitmix64(uint64(run)))
				pcg.Seed(s1, splitmix64(s1))
				if !opt.NoNational {
					for i := range z {
						z[i] = rng.NormFloat64()
					}
					for ai := range w.targets {
						sum := 0.0
						for g, gr := range p.areas[ai].groups {
							t := central[ai][g]
							v := t
							if rho := gr.terrV / p.areas[ai].valid; rho > 0 {
								tt := math.Min(1, t/rho) // share within the territory
								v = math.Max(0, t+z[gr.pidx]*opt.NationalSD/100*2*math.Sqrt(tt*(1-tt))*rho)
							}
							w.targets[ai][g] = v
							sum += v
						}
						if sum > 0 {
							for g := range w.targets[ai] {
								w.targets[ai][g] /= sum
							}
						}
					}
				}
				p.eval(w)
				clear(count)
				for k := range p.seats {
					s := &p.seats[k]
					var best int
					var tied bool
					if opt.NoSeat || s.fixed {
						best, tied = p.winner(s, w.share)
					} else {
						best, tied = p.noisyWinner(s, w.share, rng, seatSD)
					}
					switch {
					case best < 0:
					case tied:
						a.ties[k]++
					default:
						a.lineWin[best]++
						count[p.lines[best].party]++
					}
				}
				for i, c := range count {
					a.hist[i][c]++
				}
				if opt.Progress != nil {
					n := done.Add(1)
					if n%64 == 0 || int(n) == opt.Runs {
						progressMu.Lock()
						opt.Progress(int(n))
						progressMu.Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
	// Merge by integer addition: the same whatever the number of workers.
	hist := accs[0].hist
	lineWin := accs[0].lineWin
	ties := accs[0].ties
	for _, a := range accs[1:] {
		for i := range hist {
			for s := range hist[i] {
				hist[i][s] += a.hist[i][s]
			}
		}
		for l := range lineWin {
			lineWin[l] += a.lineWin[l]
		}
		for k := range ties {
			ties[k] += a.ties[k]
		}
	}
	sim := &Simulation{Runs: opt.Runs, Seed: opt.Seed, NationalSD: opt.NationalSD, SeatSD: opt.SeatSD, Majority: nSeats/2 + 1}
	if opt.NoNational {
		sim.NationalSD = 0
	}
	if opt.NoSeat {
		sim.SeatSD = 0
	}
	for i, h := range hist {
		if h[0] == opt.Runs {
			continue
		}
		d := PartyDistribution{Party: p.parties[i], Histogram: h}
		sum, maj := 0, 0
		for s, n := range h {
			sum += s * n
			if s >= sim.Majority {
				maj += n
			}
		}
		d.Mean = float64(sum) / float64(opt.Runs)
		d.MajorityChance = float64(maj) / float64(opt.Runs)
		d.Low, d.Median, d.High = percentile(h, opt.Runs, 5), percentile(h, opt.Runs, 50), percentile(h, opt.Runs, 95)
		sim.Parties = append(sim.Parties, d)
	}
	sort.SliceStable(sim.Parties, func(i, j int) bool {
		a, b := &sim.Parties[i], &sim.Parties[j]
		if a.Median != b.Median {
			return a.Median > b.Median
		}
		if a.Mean != b.Mean {
			return a.Mean > b.Mean
		}
		return a.Party.ID < b.Party.ID
	})
	for k := range p.seats {
		s := &p.seats[k]
		sc := SeatChances{Contest: &p.e.Contests[k], Ties: int(ties[k])}
		wins := map[string]int{}
		for l := s.l0; l < s.l1; l++ {
			wins[p.parties[p.lines[l].party].ID] += int(lineWin[l])
		}
		for party, n := range wins {
			if n > 0 {
				sc.Chances = append(sc.Chances, Chance{party, float64(n) / float64(opt.Runs)})
			}
		}
		sort.Slice(sc.Chances, func(i, j int) bool {
			if sc.Chances[i].Probability != sc.Chances[j].Probability {
				return sc.Chances[i].Probability > sc.Chances[j].Probability
			}
			return sc.Chances[i].Party < sc.Chances[j].Party
		})
		sim.Ties += sc.Ties
		sim.Seats = append(sim.Seats, sc)
	}
	return sim, nil
}

// percentile returns the nearest-rank q-th percentile of a histogram of n
// runs: the smallest s with at least ceil(q·n/100) runs at or below s.
func percentile(h []int, n, q int) int {
	need := (q*n + 99) / 100
	if need < 1 {
		need = 1
	}
	cum := 0
	for s, c := range h {
		cum += c
		if cum >= need {
			return s
		}
	}
	return len(h) - 1
}

// noisyWinner is winner with a local error added to each line with a
// positive share: s + z·sd·√(s(1−s)), z from rng (sd = 2σₛ as a fraction).
func (p *Projector) noisyWinner(s *seat, share []float64, rng *rand.Rand, sd float64) (best int, tied bool) {
	best = -1
	top := 0.0
	for l := s.l0; l < s.l1; l++ {
		v := share[l]
		if v > 0 {
			v += rng.NormFloat64() * sd * math.Sqrt(v*(1-v))
		}
		if p.lineAgg[l] {
			continue
		}
		switch {
		case best < 0 || v > top:
			best, top, tied = l, v, false
		case v == top:
			tied = true
		}
	}
	return best, tied
}
