package apportion

import (
	"fmt"
	"strings"
)

// Methods lists the method names ParseMethod accepts.
var Methods = []string{"dhondt", "jefferson", "sainte-lague", "webster", "modified-sainte-lague[:FIRST]", "danish", "imperiali",
	"huntington-hill", "adams", "dean", "hare", "hamilton", "droop", "hagenbach-bischoff", "imperiali-quota"}

// ParseMethod reads a method name, with aliases (jefferson = dhondt,
// webster = sainte-lague, hamilton = hare-niemeyer = hare). A modified
// Sainte-Laguë takes its first divisor after a colon
// ("modified-sainte-lague:1.4"; 1.4 when omitted).
func ParseMethod(name string) (Method, error) {
	n, arg, hasArg := strings.Cut(strings.ToLower(strings.TrimSpace(name)), ":")
	if hasArg && n != "modified-sainte-lague" {
		return nil, fmt.Errorf("method %q takes no parameter", name)
	}
	switch n {
	case "dhondt", "d'hondt", "jefferson":
		return DHondt, nil
	case "sainte-lague", "webster":
		return SainteLague, nil
	case "modified-sainte-lague":
		if !hasArg {
			arg = "1.4"
		}
		r, err := ParseRatio(arg)
		if err != nil {
			return nil, fmt.Errorf("modified Sainte-Laguë first divisor: %v", err)
		}
		return ModifiedSainteLague(r)
	case "danish":
		return Danish, nil
	case "imperiali":
		return Imperiali, nil
	case "huntington-hill":
		return HuntingtonHill, nil
	case "adams":
		return Adams, nil
	case "dean":
		return Dean, nil
	case "hare", "hamilton", "hare-niemeyer", "largest-remainder":
		return Hare, nil
	case "droop":
		return Droop, nil
	case "hagenbach-bischoff":
		return HagenbachBischoff, nil
	case "imperiali-quota":
		return ImperialiQuota, nil
	}
	return nil, fmt.Errorf("unknown method %q; expected one of %s", name, strings.Join(Methods, ", "))
}
