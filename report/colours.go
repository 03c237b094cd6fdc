package report

import (
	"fmt"
	"strings"
)

// Colours maps party codes to fill colours ("#rrggbb").
type Colours map[string]string

// DefaultColours are the colours psephos draws parties in, by the House of
// Commons Library's party codes. They follow the parties' own brand colours
// as UK election graphics commonly show them; every chart also labels each
// party in text, so no reading depends on colour alone. Override any of them
// with Colours.Set (the CLI's --colours Lab=#dc241f,...).
var DefaultColours = Colours{
	"Lab": "#e4003b", "Con": "#0087dc", "LD": "#faa61a", "RUK": "#12b6cf", "BRX": "#12b6cf",
	"Green": "#02a95b", "SNP": "#fdf38e", "PC": "#005b54", "DUP": "#d46a4c", "SF": "#326760",
	"SDLP": "#2aa82c", "UUP": "#48a5ee", "APNI": "#f6cb2f", "TUV": "#0c3a6a", "Spk": "#4d4d4d",
	"Ind": "#b3b3b3", "WPB": "#7d1d1d", "UKIP": "#70147a", "Other": "#d9d9d9",
}

// fallback colours for parties not in the table, chosen by a stable hash of
// the code so the same party always gets the same colour.
var fallback = []string{"#8c564b", "#9467bd", "#bcbd22", "#17becf", "#7f7f7f", "#c49c94", "#aec7e8", "#98df8a"}

// Of returns the colour for a party code.
func (c Colours) Of(party string) string {
	if v, ok := c[party]; ok {
		return v
	}
	if v, ok := DefaultColours[party]; ok {
		return v
	}
	var h uint32 = 2166136261
	for i := 0; i < len(party); i++ {
		h = (h ^ uint32(party[i])) * 16777619
	}
	return fallback[h%uint32(len(fallback))]
}

// isHexColour reports whether s is "#rrggbb".
func isHexColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Set parses "P=#rrggbb,Q=#rrggbb" into c.
func (c Colours) Set(spec string) error {
	for _, part := range strings.Split(spec, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		p, col, ok := strings.Cut(part, "=")
		p, col = strings.TrimSpace(p), strings.TrimSpace(col)
		if !ok || p == "" || !isHexColour(col) {
			return fmt.Errorf("colour %q: expected PARTY=#rrggbb", part)
		}
		c[p] = strings.ToLower(col)
	}
	return nil
}

// textOn returns black or white, whichever reads better on the colour.
func textOn(hex string) string {
	var r, g, b int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	if 299*r+587*g+114*b > 150000 {
		return "#000"
	}
	return "#fff"
}
