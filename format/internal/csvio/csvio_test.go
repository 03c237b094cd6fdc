package csvio

import "testing"

func TestVotes(t *testing.T) {
	good := map[string]int64{"0": 0, "35755": 35755, "35,755": 35755, " 1,234,567 ": 1234567, "12": 12, "007": 7}
	for in, want := range good {
		if got, err := Votes(in); err != nil || got != want {
			t.Errorf("Votes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "+1", "1.5", "1,2", "12,34", "1234,567", ",123", "1,,234", "1,234,", "1 234", "١٢", "99999999999999999999"} {
		if got, err := Votes(in); err == nil {
			t.Errorf("Votes(%q) = %d, want an error", in, got)
		}
	}
}
