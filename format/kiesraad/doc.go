// Package kiesraad reads the Dutch Electoral Council's (Kiesraad) national
// result CSV for a Tweede Kamer election, as published with the official
// result (e.g. uitslag_TK20231122_Nederland.csv): semicolon-separated, a
// header line "Regio;Code;Type;Partij;AantalStemmen;AantalZetels;" (the
// trailing semicolon gives an empty last column), then one row per count:
//
//	Type = Partij                 a list: Partij is its name, AantalStemmen
//	                              its votes, AantalZetels its seats (empty: 0)
//	Type = AantalGeldigeStemmen   valid votes on all lists (checked against
//	                              the lists' sum)
//	Type = AantalBlancoStemmen, AantalOngeldigeStemmen, Kiesgerechtigden,
//	       Opkomst                blank and invalid votes, electorate, turnout
//	                              (kept as notes)
//
// Every row belongs to one Regio (the whole country, "Nederland"), which
// becomes the one district. The seats are apportioned nationally under the
// Kieswet, articles P 5–P 9: lists with fewer votes than the electoral
// quota (votes / 150) take no seats; the others get seats by full quotas and
// then by highest averages, which gives the same seats as D'Hondt over the
// lists that reached the quota. The reader does not apportion; it keeps the
// published seats as OfficialSeats.
package kiesraad
