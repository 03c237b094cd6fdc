package election

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Thousands writes a whole number with commas between groups of three
// digits, as results are published in English: 10432726 → "10,432,726",
// -1500 → "-1,500". Readers use it in the notes and messages they write;
// reports have their own locale-aware formatting.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	b := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return sign + string(b)
}

// ListNames writes names for a message, separated by commas: all of them
// when there are at most limit, else the first limit and "and N more".
func ListNames(names []string, limit int) string {
	if len(names) <= limit || limit <= 0 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:limit], ", ") + " and " + strconv.Itoa(len(names)-limit) + " more"
}

// SortByStanding sorts s by seats (most first), then votes (most first),
// then party ID: the order of psephos's results tables, the same for every
// count. key gives an element's seats, votes and party ID. Elements with
// the same ID keep their order.
func SortByStanding[T any](s []T, key func(*T) (seats int, votes int64, id string)) {
	slices.SortStableFunc(s, func(a, b T) int {
		sa, va, ia := key(&a)
		sb, vb, ib := key(&b)
		return cmp.Or(cmp.Compare(sb, sa), cmp.Compare(vb, va), strings.Compare(ia, ib))
	})
}
