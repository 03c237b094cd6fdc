package swing

import (
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

func benchProjector(b *testing.B, m Model) *Projector {
	e, _, err := format.ReadResultsFile(datadir.Path(b, notionalFile), format.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(e, Options{Model: m, Targets: []Target{backtestTarget}, Exclude: []string{"Northern Ireland"}, Successors: map[string]string{"BRX": "RUK"}, Fixed: []string{"Spk"}})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkSimulate10k: 10,000 simulated elections of the 650 seats of the
// 2019 notional baseline with the 2024 GB shares.
func BenchmarkSimulate10k(b *testing.B) {
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			p := benchProjector(b, m)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := p.Simulate(SimOptions{Runs: 10000, Seed: uint64(i)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProject: one central projection of the 650 seats.
func BenchmarkProject(b *testing.B) {
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			p := benchProjector(b, m)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.Project()
			}
		})
	}
}
