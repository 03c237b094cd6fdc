// Package bundestag reads the official result file of a German federal
// election as Die Bundeswahlleiterin publishes it (e.g.
// 2025-02_gesamtergebnis.xml, licence dl-de/by-2-0): an XML document
// <Gesamtergebnis> of <Gebietsergebnis> elements, one for the federation
// (Gebietsart BUND), each Land (LAND) and each constituency (WAHLKREIS).
// Each area gives <Gruppenergebnis> per group — the general counts
// (Gruppenart ALLGEMEIN: Wahlberechtigte, Wählende, Ungültige, Gültige),
// parties (PARTEI), individual candidates (EINZELKANDIDAT) and the rest
// (UEBRIGE) — with <Stimmergebnis> counts for the first vote (Stimmart
// DIREKT) and the second vote (LISTE). A constituency's <Direktergebnis>
// names the first-vote winner and, since the 2023 reform of the
// Bundeswahlgesetz, whether the winner's seat is covered by the party's
// second-vote seats (Zweitstimmendeckung).
//
// The reader gives:
//   - the constituencies as an election.Election (first votes; each
//     constituency's Region is its Land, Nation "Deutschland"; electorate and
//     invalid first votes as given), with a note that its seats are the
//     constituency winners, not the Bundestag's seats, and how many winners
//     the file marks as not covered by second votes;
//   - the second votes by Land as an election.PartyVotes (one district per
//     Land, no seats given: the Bundestag's 630 seats are apportioned
//     federally), each list's ConstituencySeats being the constituencies its
//     party won there (the published winners);
//   - the published Direktergebnis of every constituency (winner, coverage).
//
// Parties are keyed by the file's group number and named by their federal
// name (the Greens are "GRÜNE" though their Brandenburg list is "GRÜNE/B
// 90"; the grouping is stated in the notes). An Anzahl of "n/a" means the
// group did not stand in that area this time (its figures are for the
// previous election only) and is skipped. Every area's group counts must sum
// to its valid votes (Gültige); every count of a Land must equal the sum of
// its constituencies' and every federal count the sum of the Länder's, and
// the number of constituencies the file gives for each area
// (AuswertungseinheitenGesamt) must be the number read, or the read fails:
// no vote or constituency is lost or guessed. Individual candidates
// (Einzelbewerber, EINZELKANDIDAT) stand only in constituencies: they are
// parties of the first-vote election, not of the second votes. Comparison figures
// for the previous election (…Vergleich) are not read.
package bundestag
