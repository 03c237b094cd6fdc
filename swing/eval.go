package swing

// work is scratch space for one evaluation.
type work struct {
	cell     []float64 // projected cell shares
	released []float64 // Rₖ per seat
	share    []float64 // projected line shares
	par      []float64 // per-group parameter (delta, ratio or gain coefficient)
	weakF    []float64 // transition: factor on weak support
	strongF  []float64 // transition: factor on strong support
	rising   []float64 // transition: 1 for a rising party, else 0
	add      []float64 // transition: uniform gain where nothing was released
	demand   []float64 // Σ vₖRₖ over a rising party's territory
	targets  [][]float64
}

func (p *Projector) newWork() *work {
	w := &work{cell: make([]float64, len(p.cellBase)), released: make([]float64, len(p.seats)), share: make([]float64, len(p.lines))}
	n := 0
	w.targets = make([][]float64, len(p.areas))
	for a := range p.areas {
		n = max(n, len(p.areas[a].groups))
		w.targets[a] = make([]float64, len(p.areas[a].groups))
		for g, gr := range p.areas[a].groups {
			w.targets[a][g] = gr.target
		}
	}
	w.par, w.weakF, w.strongF, w.demand = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	w.rising, w.add = make([]float64, n), make([]float64, n)
	for k := range p.seats {
		s := &p.seats[k]
		if s.area < 0 {
			for l := s.l0; l < s.l1; l++ {
				w.share[l] = p.lines[l].base
			}
		}
	}
	return w
}

// eval projects every seat's line shares for the targets in w.targets
// (fractions per area group, each area summing to 1).
func (p *Projector) eval(w *work) {
	for a := range p.areas {
		ar := &p.areas[a]
		t := w.targets[a]
		switch p.model {
		case Uniform:
			for g, gr := range ar.groups {
				w.par[g] = 0
				if gr.terrV > 0 {
					w.par[g] = (t[g] - gr.base) * ar.valid / gr.terrV
				}
			}
			for _, k := range ar.seats {
				s := &p.seats[k]
				for c := s.c0; c < s.c1; c++ {
					v := p.cellBase[c] + w.par[p.cellGroup[c]]
					if v < 0 {
						v = 0
					}
					w.cell[c] = v
				}
			}
		case Proportional:
			for g, gr := range ar.groups {
				w.par[g] = 0
				if gr.base > 0 {
					w.par[g] = t[g] / gr.base
				}
			}
			for _, k := range ar.seats {
				s := &p.seats[k]
				for c := s.c0; c < s.c1; c++ {
					w.cell[c] = p.cellBase[c] * w.par[p.cellGroup[c]]
				}
			}
		case Transition, StrongTransition:
			p.transition(ar, t, w)
		}
		cell, share, lcell, lfrac := w.cell, w.share, p.lineCell, p.lineFrac
		for _, k := range ar.seats {
			s := &p.seats[k]
			sum := 0.0
			for c := s.c0; c < s.c1; c++ {
				sum += cell[c]
			}
			if sum > 0 && sum != 1 {
				for c := s.c0; c < s.c1; c++ {
					cell[c] /= sum
				}
			}
			for l := s.l0; l < s.l1; l++ {
				share[l] = lfrac[l] * cell[lcell[l]]
			}
		}
	}
}

// transition applies the (strong) transition model to one area. The loops
// over cells are branch-free: every group has a factor on its weak and its
// strong support (1 unless it falls), a share of the released votes (0
// unless it rises) and a uniform addition (0 unless it rises where nothing
// was released).
func (p *Projector) transition(ar *area, t []float64, w *work) {
	strong := p.model == StrongTransition
	for g, gr := range ar.groups {
		w.weakF[g], w.strongF[g], w.par[g], w.rising[g], w.add[g], w.demand[g] = 1, 1, 0, 0, 0, 0
		switch {
		case t[g] < gr.base && !strong:
			w.weakF[g] = t[g] / gr.base
			w.strongF[g] = w.weakF[g]
		case t[g] < gr.base:
			loss := gr.base - t[g]
			if loss <= gr.weak {
				w.weakF[g] = 1 - loss/gr.weak
			} else {
				w.weakF[g] = 0
				if st := gr.base - gr.weak; st > 0 {
					w.strongF[g] = max(0, 1-(loss-gr.weak)/st)
				}
			}
		case t[g] > gr.base:
			w.rising[g] = 1
		}
	}
	// Falling parties: their new shares and the votes released per seat.
	for _, k := range ar.seats {
		s := &p.seats[k]
		r := 0.0
		for c := s.c0; c < s.c1; c++ {
			g := p.cellGroup[c]
			b, weak := p.cellBase[c], p.cellWeak[c]
			nb := weak*w.weakF[g] + (b-weak)*w.strongF[g]
			w.cell[c] = nb
			r += b - nb
		}
		w.released[k] = r
		vr := s.valid * r
		for c := s.c0; c < s.c1; c++ {
			g := p.cellGroup[c]
			w.demand[g] += w.rising[g] * vr
		}
	}
	// Rising parties: a share of the released votes in proportion to their
	// national gain, scaled to meet the target over their territory.
	for g, gr := range ar.groups {
		if w.rising[g] == 0 {
			continue
		}
		if w.demand[g] > 0 {
			w.par[g] = (t[g] - gr.base) * ar.valid / w.demand[g]
		} else if gr.terrV > 0 { // nothing released in its territory: uniform
			w.add[g] = (t[g] - gr.base) * ar.valid / gr.terrV
		}
	}
	for _, k := range ar.seats {
		s := &p.seats[k]
		r := w.released[k]
		for c := s.c0; c < s.c1; c++ {
			g := p.cellGroup[c]
			w.cell[c] += w.par[g]*r + w.add[g]
		}
	}
}

// winner returns the index (into lines) of the seat's leading non-aggregate
// line and whether the lead is tied (exactly equal shares).
func (p *Projector) winner(s *seat, share []float64) (best int, tied bool) {
	best = -1
	for l := s.l0; l < s.l1; l++ {
		if p.lineAgg[l] {
			continue
		}
		switch {
		case best < 0 || share[l] > share[best]:
			best, tied = l, false
		case share[l] == share[best]:
			tied = true
		}
	}
	return best, tied
}
