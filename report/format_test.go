package report

import (
	"math"
	"testing"
)

// Numbers are grouped by threes in their whole part, and rounded from
// the float's exact value (2.675 is 2.67499999... as a float64).
func TestGroupDigits(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{num(0), "0"}, {num(999), "999"}, {num(1000), "1,000"}, {num(-1234567), "-1,234,567"},
		{num(28809340), "28,809,340"}, {num(math.MinInt64), "-9,223,372,036,854,775,808"},
		{dec(1234.5678, 2), "1,234.57"}, {dec(-0.5, 1), "-0.5"}, {dec(2.675, 2), "2.67"},
		{dec(999999.996, 2), "1,000,000.00"}, {dec(12.5, 0), "12"}, {dec(math.Inf(1), 1), "+Inf"},
		{dec(math.NaN(), 2), "NaN"}, {dec(-1234, 0), "-1,234"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
