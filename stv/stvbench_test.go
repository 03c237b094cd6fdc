package stv_test

import (
	"path/filepath"
	"testing"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
)

// The scot-elex corpus: 1,099 readable wards, about 5.6 million ballots.
// BenchmarkScotElexRead reads them; BenchmarkScotElexCount counts the
// profiles read once (Scottish rule).
func scotElex(b *testing.B) []string {
	files, err := filepath.Glob(filepath.Join(datadir.Path(b, "ranked/scot-elex/blt_files"), "*", "*.blt"))
	if err != nil || len(files) == 0 {
		b.Fatal(err)
	}
	return files
}

func BenchmarkScotElexRead(b *testing.B) {
	files := scotElex(b)
	for b.Loop() {
		for _, f := range files {
			format.ReadBallotsFile(f, format.BallotOptions{})
		}
	}
}

func BenchmarkScotElexCount(b *testing.B) {
	var ps []*ballot.Profile
	for _, f := range scotElex(b) {
		if p, _, err := format.ReadBallotsFile(f, format.BallotOptions{}); err == nil {
			ps = append(ps, p)
		}
	}
	r := preset(b, "scotland")
	for b.Loop() {
		for _, p := range ps {
			countRule(b, p, r)
		}
	}
}

// Tasmania 2019 Senate: read (the AEC's gzipped CSV) and counted (139
// counts).
func BenchmarkSenateTasmania2019(b *testing.B) {
	path := datadir.Path(b, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz")
	r := preset(b, "australian-senate")
	r.Seats = 6
	for b.Loop() {
		p, _, err := format.ReadBallotsFile(path, format.BallotOptions{})
		if err != nil {
			b.Fatal(err)
		}
		countRule(b, p, r)
	}
}
