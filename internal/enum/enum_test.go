package enum

import "testing"

type colour uint8

var colours = []string{"red", "green"}

func TestNameParse(t *testing.T) {
	if Name(colours, colour(1), "colour") != "green" || Name(colours, colour(7), "colour") != "colour(7)" {
		t.Error("names")
	}
	if c, err := Parse[colour](colours, "green", "colour"); err != nil || c != 1 {
		t.Errorf("%v %v", c, err)
	}
	if _, err := Parse[colour](colours, "blue", "colour"); err == nil || err.Error() != `unknown colour "blue"; expected one of: red, green` {
		t.Errorf("%v", err)
	}
}
