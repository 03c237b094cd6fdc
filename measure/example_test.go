package measure_test

import (
	"fmt"

	"github.com/psephos/psephos/measure"
)

// Two parties with 60% and 40% of the votes; the first wins the only seat.
func ExampleComputeIndices() {
	ix := measure.ComputeIndices([]int64{60, 40}, []int{1, 0})
	fmt.Printf("Gallagher %.1f, Loosemore–Hanby %.1f, ENP votes %.2f, seats %.0f\n", ix.Gallagher, ix.LoosemoreHanby, ix.ENPVotes, ix.ENPSeats)
	// Output: Gallagher 40.0, Loosemore–Hanby 40.0, ENP votes 1.92, seats 1
}
